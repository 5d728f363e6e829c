package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCmd(t *testing.T, ctx context.Context, stdin string, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestParseCommand(t *testing.T) {
	out, _, err := runCmd(t, context.Background(), "Clashes in Sirte, Libya.", nil, "parse")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct{ Properties map[string]any }
	}
	if err := json.Unmarshal([]byte(out), &fc); err != nil || len(fc.Features) != 2 {
		t.Fatalf("%v: %s", err, out)
	}
	p := fc.Features[0].Properties
	for _, k := range []string{"text", "start", "end", "name", "geonameid", "kind", "country", "admin1", "confidence", "demonym"} {
		if _, ok := p[k]; !ok {
			t.Errorf("property %q missing: %v", k, p)
		}
	}
	out, _, err = runCmd(t, context.Background(), `{"id":"a1","text":"Rain in Oslo."}`+"\n"+`{"id":7,"text":"none"}`+"\n", nil, "parse", "--jsonl")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err != nil || len(lines) != 2 || !strings.Contains(lines[0], `"id":"a1"`) || !strings.Contains(lines[1], `"id":7`) {
		t.Fatalf("jsonl: %v %q", err, out)
	}
	// Lines of one source teach it its locality: the third line's
	// Mansfield is the Texan one, while the same text alone is not.
	local := `{"url":"http://www.star-telegram.com/1","text":"The Arlington school board met in Arlington, Texas."}
{"url":"http://www.star-telegram.com/2","text":"Traffic between Fort Worth and Dallas, Texas slowed."}
{"url":"http://www.star-telegram.com/3","text":"MANSFIELD — The City Council voted on Monday."}
{"text":"MANSFIELD — The City Council voted on Monday."}
`
	out, _, err = runCmd(t, context.Background(), local, nil, "parse", "--jsonl")
	lines = strings.Split(strings.TrimSpace(out), "\n")
	admin1 := func(line string) any {
		var fc struct {
			Features []struct{ Properties map[string]any }
		}
		if json.Unmarshal([]byte(line), &fc) != nil || len(fc.Features) == 0 {
			return nil
		}
		return fc.Features[0].Properties["admin1"]
	}
	if err != nil || len(lines) != 4 || admin1(lines[2]) != "TX" || admin1(lines[3]) == "TX" {
		t.Fatalf("source locality: %v\n%s", err, out)
	}
	if _, _, err := runCmd(t, context.Background(), "not json\n", nil, "parse", "--jsonl"); err == nil {
		t.Error("bad jsonl accepted")
	}
}

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":   "Floods in Dhaka\nRivers burst their banks across Bangladesh.",
		"b.json":  `[{"title":"Oslo","text":"Snow in Oslo, Norway."},{"text":"Rain in Bergen, Norway."}]`,
		"c.jsonl": `{"url":"https://x.test/c","text":"Heat in Cairo, Egypt."}` + "\nnot json\n" + `{"text":""}` + "\n" + `{"text":"Dust in Khartoum."}`,
		"d.bin":   "ignored",
	}
	for name, body := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	db := filepath.Join(t.TempDir(), "x.db")
	env := map[string]string{"MENTIONMAP_DB": db}
	_, stderr, err := runCmd(t, context.Background(), "", env, "ingest", dir)
	// Bad records are reported and skipped; the lines after them are kept.
	if err == nil || !strings.Contains(stderr, "ingested 5 new articles") || !strings.Contains(stderr, "2 failed") ||
		!strings.Contains(stderr, "c.jsonl:2: malformed JSON") {
		t.Fatalf("first ingest: %v\n%s", err, stderr)
	}
	_, stderr, _ = runCmd(t, context.Background(), "", env, "ingest", dir)
	if !strings.Contains(stderr, "ingested 0 new articles") || !strings.Contains(stderr, "5 already stored") {
		t.Errorf("second ingest is not idempotent:\n%s", stderr)
	}
}

// TestIngestFeedsAndPages ingests a feed file and a page file, then the
// same again: the second run adds nothing.
func TestIngestFeedsAndPages(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	args := []string{"ingest", "--db", db, "../../feeds/testdata/atom.xml", "../../feeds/testdata/feed.json", "../../feeds/testdata/boilerplate.html"}
	_, stderr, err := runCmd(t, context.Background(), "", nil, args...)
	if err != nil || !strings.Contains(stderr, "ingested 3 new articles") {
		t.Fatalf("%v\n%s", err, stderr)
	}
	_, stderr, _ = runCmd(t, context.Background(), "", nil, args...)
	if !strings.Contains(stderr, "ingested 0 new articles") || !strings.Contains(stderr, "3 already stored") {
		t.Errorf("second run:\n%s", stderr)
	}
}

// served is a `mentionmap serve` running on a free loopback port.
type served struct {
	base   string // http://127.0.0.1:port
	cancel context.CancelFunc
	done   chan error
}

// startServe runs serve with args until cancel; it does not wait for
// the server to listen.
func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{base: "http://" + addr, cancel: cancel, done: make(chan error, 1)}
	go func() {
		_, _, err := runCmd(t, ctx, "", nil, append([]string{"serve", "--addr", addr}, args...)...)
		s.done <- err
	}()
	return s
}

// exit returns what serve returned, after at most 20 s.
func (s *served) exit() error {
	select {
	case err := <-s.done:
		return err
	case <-time.After(20 * time.Second):
		return fmt.Errorf("serve did not exit")
	}
}

func TestServeDemo(t *testing.T) {
	srv := startServe(t, "--demo", "--db", filepath.Join(t.TempDir(), "d.db"))
	var res *http.Response
	var err error
	for i := 0; i < 100; i++ {
		if res, err = http.Get(srv.base + "/features.geojson"); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	var fc struct{ Features []any }
	json.NewDecoder(res.Body).Decode(&fc)
	res.Body.Close()
	if len(fc.Features) < 50 {
		t.Errorf("demo map has %d places", len(fc.Features))
	}
	srv.cancel()
	if err := srv.exit(); err != nil {
		t.Errorf("serve: %v", err)
	}
}

// TestServePollsFeeds starts serve with --feed and waits until the feed's
// places are on the map and GET /feeds reports the poll.
func TestServePollsFeeds(t *testing.T) {
	atom, _ := os.ReadFile("../../feeds/testdata/atom.xml")
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(atom)
	}))
	defer feed.Close()
	srv := startServe(t, "--db", filepath.Join(t.TempDir(), "p.db"), "--feed", feed.URL, "--every", "1h")
	defer srv.exit()
	defer srv.cancel()
	addr := strings.TrimPrefix(srv.base, "http://")
	var body []byte
	for i := 0; i < 100; i++ {
		if res, err := http.Get("http://" + addr + "/features.geojson?q=earthquake"); err == nil {
			body, _ = io.ReadAll(res.Body)
			res.Body.Close()
			if strings.Contains(string(body), "Santiago") {
				break
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(string(body), "Santiago") {
		t.Fatalf("the feed's places never reached the map: %s", body)
	}
	res, err := http.Get("http://" + addr + "/feeds")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var st struct {
		Feeds []struct {
			URL, Status, Title string
			TotalNew           int `json:"total_new"`
		}
	}
	json.NewDecoder(res.Body).Decode(&st)
	if len(st.Feeds) != 1 || st.Feeds[0].Status != "ok" || st.Feeds[0].TotalNew != 1 || st.Feeds[0].Title != "Andes Wire" {
		t.Errorf("feeds = %+v", st)
	}
}

func TestUnknownCommand(t *testing.T) {
	if _, _, err := runCmd(t, context.Background(), "", nil, "frobnicate"); err == nil {
		t.Error("unknown command accepted")
	}
	if _, _, err := runCmd(t, context.Background(), "", nil); err == nil {
		t.Error("no command accepted")
	}
}
