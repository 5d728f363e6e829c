package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// checks lists the attacks, in the order of the hardening review.
func checks(bin, dir string) []check {
	return []check{
		{"slow readers: 16 connections ask for 10,000 mentions and never read", slowReaders},
		{"search cost: 8 clients send the most expensive searches for 4 s", searchCost},
		{"stored amplification: a 3 MB title and 5 MB of one place name", amplification},
		{"expensive reads: 16 clients read pages of 10,000 mentions for 4 s", expensiveReads},
		{"cross-site write: a POST from another origin", crossSite},
		{"unsafe links and batches: a javascript: URL, 10,001 articles in one body", unsafeInput},
		{"SSRF: a feed item links to a loopback address", func(ctx context.Context, _ *target) error { return ssrf(ctx, bin, dir) }},
	}
}

func slowReaders(ctx context.Context, t *target) error {
	host := strings.TrimPrefix(t.base, "http://")
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range 16 {
		c, err := net.Dial("tcp", host)
		if err != nil {
			return err
		}
		c.(*net.TCPConn).SetReadBuffer(4096)
		fmt.Fprintf(c, "GET /features.geojson?group=mention&limit=10000 HTTP/1.1\r\nHost: %s\r\n\r\n", host)
		conns = append(conns, c)
	}
	return pause(ctx, 4*time.Second) // /healthz is probed meanwhile
}

func searchCost(ctx context.Context, t *target) error {
	queries := []struct {
		q    string
		want []int
	}{
		{strings.Repeat("a* ", 200), []int{400}},
		{strings.Repeat("word ", 20), []int{400}},
		{"abc* bcd* cde* def* sirte tripoli report fighting aid reached", []int{200, 503}},
	}
	return during(ctx, 8, 4*time.Second, func(ctx context.Context, i int) error {
		q := queries[i%len(queries)]
		st, _, err := get(ctx, t.base+"/features.geojson?group=mention&limit=10000&q="+url.QueryEscape(q.q), nil)
		return expect(err, st, q.want, "q="+q.q[:12])
	})
}

func amplification(ctx context.Context, t *target) error {
	title := strings.Repeat("Sirte Tripoli ", 3<<20/14)
	body, _ := json.Marshal(map[string]string{"title": title, "text": "Fighting in Sirte."})
	if st, _, err := post(ctx, t.base+"/articles", "application/json", string(body), nil); expect(err, st, []int{413}, "3 MB title") != nil {
		return expect(err, st, []int{413}, "3 MB title")
	}
	body, _ = json.Marshal(map[string]string{"title": "Sirte", "url": "https://attack.test/sirte", "text": strings.Repeat("Sirte. ", 700_000)})
	st, n, err := post(ctx, t.base+"/articles", "application/json", string(body), nil)
	if err := expect(err, st, []int{201, 200}, "5 MB of Sirte"); err != nil {
		return err
	}
	if n > 1<<20 {
		return fmt.Errorf("the POST answer is %d bytes", n)
	}
	return during(ctx, 6, 3*time.Second, func(ctx context.Context, i int) error {
		u := t.base + "/features.geojson?group=mention&limit=10000"
		if i%2 == 1 {
			u = t.base + "/articles?limit=500"
		}
		st, n, err := get(ctx, u, nil)
		if err == nil && n > 20<<20 {
			return fmt.Errorf("%s: %d bytes", u, n)
		}
		return expect(err, st, []int{200, 503}, u)
	})
}

func expensiveReads(ctx context.Context, t *target) error {
	return during(ctx, 16, 4*time.Second, func(ctx context.Context, i int) error {
		u := t.base + "/features.geojson?group=mention&limit=10000"
		if i%2 == 1 {
			u = t.base + "/collections/mentions/items?limit=10000&f=csv"
		}
		st, _, err := get(ctx, u, nil)
		return expect(err, st, []int{200, 503}, u)
	})
}

func crossSite(ctx context.Context, t *target) error {
	st, _, err := post(ctx, t.base+"/articles", "text/plain", "Rain in Oslo, from evil.test.", map[string]string{"Origin": "https://evil.test"})
	return expect(err, st, []int{403}, "cross-origin POST")
}

func unsafeInput(ctx context.Context, t *target) error {
	st, _, err := post(ctx, t.base+"/articles", "application/json", `{"url":"javascript:alert(1)","text":"Rain in Oslo."}`, nil)
	if err := expect(err, st, []int{400}, "javascript: URL"); err != nil {
		return err
	}
	var b strings.Builder
	for i := range 10_001 {
		fmt.Fprintf(&b, `{"text":"Rain %d in Oslo."}`+"\n", i)
	}
	st, _, err = post(ctx, t.base+"/articles", "application/x-ndjson", b.String(), nil)
	return expect(err, st, []int{413}, "10,001 articles")
}

// ssrf runs `mentionmap ingest` on a feed whose item links to a page on
// loopback under another name: the page must be refused and reported.
func ssrf(ctx context.Context, bin, dir string) error {
	secret := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><body><article><p>"+strings.Repeat("The secret of Tripoli is hunter2. ", 30)+"</p></article></body></html>")
	}))
	defer secret.Close()
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Wire</title><item><title>Tripoli</title><link>%s/admin</link><guid>1</guid><description>Tripoli.</description></item></channel></rss>`, secret.URL)
	}))
	defer feed.Close()
	src := strings.Replace(feed.URL, "127.0.0.1", "localhost", 1) + "/feed.xml"
	out, err := exec.CommandContext(ctx, bin, "ingest", "--db", dir+"/ssrf.db", src).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "refused link") || !strings.Contains(string(out), "1 links refused") {
		return fmt.Errorf("ingest did not refuse the link (%v):\n%s", err, out)
	}
	return nil
}

// during runs fn on n clients in loops until d has passed, and returns
// the first error.
func during(ctx context.Context, n int, d time.Duration, fn func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var once sync.Once
	var first error
	var wg sync.WaitGroup
	for c := range n {
		wg.Go(func() {
			for i := c; ctx.Err() == nil; i += n {
				if err := fn(ctx, i); err != nil && ctx.Err() == nil {
					once.Do(func() { first = err })
				}
			}
		})
	}
	wg.Wait()
	return first
}

// expect checks that a request got one of the wanted statuses.
func expect(err error, status int, want []int, what string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	for _, w := range want {
		if status == w {
			return nil
		}
	}
	return fmt.Errorf("%s: status %d, want one of %v", what, status, want)
}

func pause(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
