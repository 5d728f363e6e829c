#!/usr/bin/env bash
# A short, bounded load test against loopback only: mentionmap on the demo
# data under wrk (reads) and concurrent NDJSON POSTs (writes). Fails on any
# non-2xx answer or socket error, or if the server is not healthy after.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
tmp=$(mktemp -d)
port=${PORT:-18767}
base="http://127.0.0.1:$port"
seconds=${SECONDS_PER_RUN:-3}
go build -o "$tmp/mentionmap" ./cmd/mentionmap
"$tmp/mentionmap" serve --demo --addr "127.0.0.1:$port" --db "$tmp/load.db" 2>"$tmp/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# Writers: 4 clients posting batches for the whole run, bounded by time.
writer() {
  local end=$((SECONDS + seconds * 3)) i=0
  while (( SECONDS < end )); do
    i=$((i+1))
    printf '{"url":"https://load.test/%s/%s","text":"Load report %s-%s from Lagos, Nigeria and Accra, Ghana."}\n' "$1" "$i" "$1" "$i" |
      curl -fsS -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/x-ndjson' --data-binary @- "$base/articles" >>"$tmp/writes.log" || echo "fail" >>"$tmp/writes.log"
  done
}
for w in 1 2 3 4; do writer "$w" & done

failed=0
for url in "$base/features.geojson" "$base/tiles/2/2/1.mvt" "$base/collections/mentions/items?limit=50"; do
  out=$(wrk -t2 -c16 -d"${seconds}s" -H 'Accept-Encoding: gzip' "$url" 2>&1)
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *//p')
  errs=$(echo "$out" | grep -E "Non-2xx|Socket errors" || true)
  echo "wrk 16 connections, ${seconds}s: $url: $rps requests/s ${errs:+($errs)}"
  [[ -z "$errs" ]] || failed=$((failed+1))
done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
writes=$(wc -l <"$tmp/writes.log"); bad=$(grep -cvE '^20[01]$' "$tmp/writes.log" || true)
echo "concurrent writes: $writes posts, $bad not acknowledged"
[[ "$bad" -eq 0 ]] || failed=$((failed+1))
curl -fsS "$base/healthz" >/dev/null || failed=$((failed+1))
echo "load: $((5 - failed)) passed, $failed failed"
[[ $failed -eq 0 ]]
