// Command attack runs the attacks of the hardening review against a
// started mentionmap binary on loopback, and checks that the service
// holds: /healthz answers within a second under each attack, the next
// request after it succeeds, and the server's peak memory stays under a
// bound. Every loop is bounded in count and time, and it sends traffic
// only to 127.0.0.1.
//
//	go run ./scripts/attack --bin ./mentionmap
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	bin := flag.String("bin", "", "the mentionmap binary")
	articles := flag.Int("articles", 4000, "articles in the database the attacks run against")
	rssMB := flag.Int("max-rss", 600, "the bound on the server's peak resident memory, in MB")
	flag.Parse()
	if err := run(*bin, *articles, *rssMB); err != nil {
		fmt.Fprintln(os.Stderr, "attack:", err)
		os.Exit(1)
	}
}

// target is the server under attack.
type target struct {
	base string
	pid  int
}

// check is one attack: it runs for a bounded time while /healthz is
// probed, and then says whether the server held.
type check struct {
	name   string
	attack func(ctx context.Context, t *target) error
}

func run(bin string, articles, rssMB int) error {
	if bin == "" {
		return errors.New("name the binary with --bin")
	}
	dir, err := os.MkdirTemp("", "mentionmap-attack-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "attack.db")
	if err := seed(bin, db, articles); err != nil {
		return err
	}
	t, stop, err := serve(bin, db, dir)
	if err != nil {
		return err
	}
	defer stop()
	passed, failed := 0, 0
	for _, c := range checks(bin, dir) {
		errs := attempt(t, c)
		peak, _ := peakRSS(t.pid)
		if len(errs) == 0 {
			passed++
			fmt.Printf("ok    %s (peak resident %d MB)\n", c.name, peak>>20)
			continue
		}
		failed++
		fmt.Printf("FAIL  %s\n", c.name)
		for _, e := range errs {
			fmt.Printf("      %v\n", e)
		}
	}
	peak, err := peakRSS(t.pid)
	if err == nil && peak > int64(rssMB)<<20 {
		err = fmt.Errorf("peak resident memory %d MB is over %d MB", peak>>20, rssMB)
	}
	if err != nil {
		failed++
		fmt.Printf("FAIL  memory: %v\n", err)
	} else {
		passed++
		fmt.Printf("ok    memory: peak resident %d MB (bound %d MB)\n", peak>>20, rssMB)
	}
	fmt.Printf("attack: %d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return fmt.Errorf("%d checks failed", failed)
	}
	return nil
}

// attempt runs one attack for at most 20 s, probing /healthz every 250 ms
// while it runs, and then asks for a page of the map.
func attempt(t *target, c check) []error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- c.attack(ctx, t) }()
	var errs []error
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				errs = append(errs, err)
			}
			running = false
		case <-tick.C:
			if d, err := probe(t.base + "/healthz"); err != nil || d > time.Second {
				errs = append(errs, fmt.Errorf("/healthz under attack: %v after %v", err, d.Round(time.Millisecond)))
			}
		}
	}
	if _, err := probe(t.base + "/features.geojson?limit=10"); err != nil {
		errs = append(errs, fmt.Errorf("the next request: %v", err))
	}
	return errs
}

// probe GETs url, waiting at most 5 s, and returns how long it took.
func probe(url string) (time.Duration, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, _, err := get(ctx, url, nil)
	if err == nil && st != 200 {
		err = fmt.Errorf("status %d", st)
	}
	return time.Since(start), err
}

// get GETs url with headers and returns the status and the body's size.
func get(ctx context.Context, url string, hdr map[string]string) (int, int64, error) {
	return send(ctx, http.MethodGet, url, nil, hdr)
}

// post POSTs body as ctype.
func post(ctx context.Context, url, ctype, body string, hdr map[string]string) (int, int64, error) {
	return send(ctx, http.MethodPost, url, strings.NewReader(body), with(hdr, "Content-Type", ctype))
}

func with(hdr map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for hk, hv := range hdr {
		out[hk] = hv
	}
	return out
}

// send makes a request and returns the status and the body's size.
func send(ctx context.Context, method, url string, body io.Reader, hdr map[string]string) (int, int64, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return 0, 0, err
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer res.Body.Close()
	n, err := io.Copy(io.Discard, res.Body)
	return res.StatusCode, n, err
}

// seed writes a corpus of articles that name many places, and ingests it.
func seed(bin, db string, n int) error {
	places := []string{"Sirte", "Tripoli", "Benghazi", "Misrata", "Derna", "Tobruk", "Sabha", "Cairo", "Tunis",
		"Algiers", "Rome", "Paris", "Madrid", "Berlin", "Athens", "Lagos", "Nairobi", "Dakar", "Accra", "Niamey"}
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"url":"https://attack.test/%d","title":"Report %d","source":"wire","published":"2026-%02d-%02dT10:00:00Z","text":"Report %d. Fighting was seen in %s; aid reached %s."}`+"\n",
			i, i, 1+i%12, 1+i%28, i, strings.Join(places[:10], ", "), strings.Join(places[10:], ", "))
	}
	file := db + ".jsonl"
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		return err
	}
	out, err := exec.Command(bin, "ingest", "--db", db, file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ingest: %v\n%s", err, out)
	}
	return nil
}

// serve starts the binary on a free loopback port and waits until it is
// ready.
func serve(bin, db, dir string) (*target, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	logf, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", db, "--write-timeout", "2s")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	stop := func() { cmd.Process.Kill(); cmd.Wait(); logf.Close() }
	t := &target{base: "http://" + addr, pid: cmd.Process.Pid}
	for range 100 {
		if _, err := probe(t.base + "/healthz"); err == nil {
			return t, stop, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	stop()
	return nil, nil, errors.New("the server never became ready")
}

// peakRSS reads the process's peak resident memory (VmHWM).
func peakRSS(pid int) (int64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}
