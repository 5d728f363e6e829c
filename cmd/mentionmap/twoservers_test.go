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
	"testing"
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
// free loopback port, until the test ends.
func startBinary(t *testing.T, bin, db string) (string, *exec.Cmd) {
	t.Helper()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", db)
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

// TestTwoServersShareOneDatabase runs two serve processes on one SQLite
// file, as several stateless replicas would: what one stores, the other
// serves at once, with new ETags, and concurrent writes through both all
// land.
func TestTwoServersShareOneDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs two binaries")
	}
	dir := t.TempDir()
	bin, db := buildBinary(t, dir), filepath.Join(dir, "shared.db")
	a, _ := startBinary(t, bin, db)
	b, _ := startBinary(t, bin, db)
	post := func(base, body string) {
		res, err := http.Post(base+"/articles", "application/json", strings.NewReader(body))
		if err != nil {
			t.Error(err)
			return
		}
		res.Body.Close()
		if res.StatusCode != 201 {
			t.Errorf("POST %s: %d", base, res.StatusCode)
		}
	}
	_, before := getBody(t, b+"/features.geojson?q=harbour")
	post(a, `{"url":"https://two.test/1","text":"Fighting near the harbour of Sirte, Libya."}`)
	body, after := getBody(t, b+"/features.geojson?q=harbour")
	if !strings.Contains(body, "Sirte") || before.Get("ETag") == after.Get("ETag") {
		t.Fatalf("B does not serve what A stored (ETag %s then %s): %s", before.Get("ETag"), after.Get("ETag"), body)
	}
	// Both write the same places at once: the place cache of each must
	// learn the other's ids.
	var wg sync.WaitGroup
	for i := range 20 {
		for who, base := range []string{a, b} {
			wg.Go(func() {
				post(base, fmt.Sprintf(`{"url":"%s/%d","text":"Clashes in Sirte, Tripoli and Benghazi, Libya, report %d-%d."}`, base, i, who, i))
			})
		}
	}
	wg.Wait()
	for _, base := range []string{a, b} {
		body, _ := getBody(t, base+"/collections/mentions/items?limit=1")
		var page struct {
			NumberMatched int `json:"numberMatched"`
		}
		json.Unmarshal([]byte(body), &page)
		if want := 2 + 40*4; page.NumberMatched != want {
			t.Errorf("%s serves %d mentions, want %d", base, page.NumberMatched, want)
		}
	}
}
