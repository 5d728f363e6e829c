"""What webhook watches cost ingest: posts the development corpora's texts
as NDJSON (500 articles a body) to a fresh SQLite server that looks for
watch events every second, with N watches whose webhooks answer 200, and
prints articles/s. Compare N=0 and N=100 in alternated runs.

  MENTIONMAP_BIN=./mentionmap python3 scripts/watchbench.py N [COPIES] [CORPORA_DIR]
"""
import http.server, json, os, random, subprocess, sys, tempfile, threading, time, urllib.request

n_watches = int(sys.argv[1])
copies = int(sys.argv[2]) if len(sys.argv) > 2 else 30
corpora = sys.argv[3] if len(sys.argv) > 3 else "../shared/corpora"
binary = os.environ.get("MENTIONMAP_BIN", "./mentionmap")


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=hook.serve_forever, daemon=True).start()

texts = [json.loads(line)["text"] for name in ("LGL.jsonl", "GeoWebNews.jsonl")
         for line in open(os.path.join(corpora, name))]
arts = [{"url": f"https://bench.test/{c}/{i}", "source": f"src{i % 20}", "text": f"{t} (copy {c})"}
        for c in range(copies) for i, t in enumerate(texts)]

with tempfile.TemporaryDirectory() as d:
    srv = subprocess.Popen([binary, "serve", "--db", os.path.join(d, "w.db"), "--addr", "127.0.0.1:18090",
                            "--webhook-every", "1s", "--allow-private-fetch"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = "http://127.0.0.1:18090"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz")
            break
        except OSError:
            time.sleep(0.1)
    random.seed(1)
    for i in range(n_watches):
        w, s = random.uniform(-170, 150), random.uniform(-60, 60)
        body = {"name": f"area {i}", "bbox": [round(w, 2), round(s, 2), round(w + random.uniform(2, 30), 2),
                                              round(s + random.uniform(2, 25), 2)],
                "webhook": f"http://127.0.0.1:{hook.server_address[1]}/in"}
        urllib.request.urlopen(urllib.request.Request(base + "/watches", json.dumps(body).encode(),
                                                      {"Content-Type": "application/json"})).read()
    start = time.perf_counter()
    for k in range(0, len(arts), 500):
        body = "\n".join(json.dumps(a) for a in arts[k:k + 500]).encode()
        urllib.request.urlopen(urllib.request.Request(base + "/articles", body,
                                                      {"Content-Type": "application/x-ndjson"}), timeout=300).read()
    took = time.perf_counter() - start
    srv.terminate()
    srv.wait()
print(f"{n_watches} watches: {len(arts)} articles in {took:.1f} s = {len(arts) / took:.0f} articles/s")
