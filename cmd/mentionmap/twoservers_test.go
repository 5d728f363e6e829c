package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"mentionmap/data/postgis/pgtest"
)

// buildBinary builds mentionmap into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "mentionmap")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// startBinary runs `mentionmap serve` as a process of its own on db, on a
// free loopback port, with more flags if given, until the test ends.
func startBinary(t *testing.T, bin, db string, flags ...string) (string, *exec.Cmd) {
	t.Helper()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", addr, "--db", db}, flags...)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := "http://" + addr
	waitReady(t, base+"/healthz")
	return base, cmd
}

func getBody(t *testing.T, url string) (string, http.Header) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %v", url, res.StatusCode, err)
	}
	return string(b), res.Header
}

// TestServersShareOneDatabase runs serve processes on one database, as
// stateless replicas do, on SQLite and on PostGIS: what one stores, the
// others serve within a second, with new ETags; concurrent writes through each all
// land, and the same article posted to both at once is stored once; a
// process killed with SIGKILL mid-ingest loses nothing it acknowledged,
// the others keep serving, and it starts again on the same database.
func TestServersShareOneDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs several binaries")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	t.Run("sqlite", func(t *testing.T) { testSharedDatabase(t, bin, filepath.Join(t.TempDir(), "shared.db")) })
	t.Run("postgis", func(t *testing.T) {
		_, dsn := pgtest.Open(t)
		testSharedDatabase(t, bin, dsn)
	})
}

func testSharedDatabase(t *testing.T, bin, db string) {
	a, killA := startBinary(t, bin, db)
	b, _ := startBinary(t, bin, db)
	_, before := getBody(t, b+"/features.geojson?q=harbour")
	if st := post(t, a, `{"url":"https://two.test/1","text":"Fighting near the harbour of Sirte, Libya."}`); st != 201 {
		t.Fatalf("POST: %d", st)
	}
	// B serves it under a new ETag once its version (read every 200 ms)
	// is old: within a second, with room here for a loaded CI machine.
	var body string
	var after http.Header
	start := time.Now()
	for deadline := start.Add(3 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		body, after = getBody(t, b+"/features.geojson?q=harbour")
		if strings.Contains(body, "Sirte") && before.Get("ETag") != after.Get("ETag") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("B does not serve what A stored within 3 s (ETag %s then %s): %s", before.Get("ETag"), after.Get("ETag"), body)
		}
	}
	// Both write the same places at once, and the same article to both.
	var wg sync.WaitGroup
	for i := range 20 {
		for who, base := range []string{a, b} {
			wg.Go(func() {
				post(t, base, fmt.Sprintf(`{"url":"%s/%d","text":"Clashes in Sirte, Tripoli and Benghazi, Libya, report %d-%d."}`, base, i, who, i))
				post(t, base, fmt.Sprintf(`{"url":"https://two.test/same/%d","text":"The same report %d from Tunis, Tunisia."}`, i, i))
			})
		}
	}
	wg.Wait()
	for _, base := range []string{a, b} {
		if n := matched(t, base+"/collections/mentions/items?limit=1"); n != 2+40*4+20*2 {
			t.Errorf("%s serves %d mentions, want %d", base, n, 2+40*4+20*2)
		}
	}
	// Kill A while it stores a stream of articles; B serves on.
	acked := make(chan int64, 1000)
	go func() {
		defer close(acked)
		for i := 0; ; i++ {
			body := fmt.Sprintf(`{"url":"https://kill.test/%d","text":"Report %d: talks in Rabat, Morocco."}`, i, i)
			res, err := http.Post(a+"/articles", "application/json", strings.NewReader(body))
			if err != nil {
				return // A is gone
			}
			var art struct{ ID int64 }
			json.NewDecoder(res.Body).Decode(&art)
			res.Body.Close()
			if res.StatusCode == 201 {
				acked <- art.ID
			}
		}
	}()
	time.Sleep(300 * time.Millisecond)
	killA.Process.Signal(syscall.SIGKILL)
	n := 0
	for id := range acked {
		n++
		if res, _ := http.Get(fmt.Sprintf("%s/articles/%d", b, id)); res == nil || res.StatusCode != 200 {
			t.Errorf("article %d, acknowledged by A before it died, is not served by B", id)
		}
	}
	if n == 0 {
		t.Fatal("A acknowledged nothing before it was killed")
	}
	if _, h := getBody(t, b+"/healthz"); h == nil {
		t.Fatal("B stopped serving")
	}
	a2, _ := startBinary(t, bin, db)
	if got := matched(t, a2+"/collections/mentions/items?limit=1"); got < 2+40*4+20*2+2*n {
		t.Errorf("the restarted process serves %d mentions, want at least %d", got, 2+40*4+20*2+2*n)
	}
}

// post POSTs one JSON article and returns the status.
func post(t *testing.T, base, body string) int {
	res, err := http.Post(base+"/articles", "application/json", strings.NewReader(body))
	if err != nil {
		t.Error(err)
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// matched is an OGC page's numberMatched.
func matched(t *testing.T, url string) int {
	body, _ := getBody(t, url)
	var page struct {
		NumberMatched int `json:"numberMatched"`
	}
	json.Unmarshal([]byte(body), &page)
	return page.NumberMatched
}
