package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mentionmap/data/sqlite"
	"mentionmap/geo"
)

// TestServeDrainsInFlightRequests stops the server while a POST of a
// batch is half sent: the server stops listening, reads the rest, stores
// the batch, answers 201, and only then exits.
func TestServeDrainsInFlightRequests(t *testing.T) {
	db := filepath.Join(t.TempDir(), "drain.db")
	srv := startServe(t, "--db", db)
	base := srv.base
	for i := 0; ; i++ {
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			break
		}
		if i == 100 {
			t.Fatal("server did not start")
		}
		time.Sleep(100 * time.Millisecond)
	}

	const n = 40
	var lines []string
	for i := range n {
		lines = append(lines, fmt.Sprintf(`{"url":"https://drain.test/%d","text":"Clashes in Sirte, Libya, day %d."}`, i, i))
	}
	body := strings.Join(lines, "\n") + "\n"
	pr, pw := io.Pipe()
	answered := make(chan *http.Response, 1)
	go func() {
		res, err := http.Post(base+"/articles", "application/x-ndjson", pr)
		if err != nil {
			t.Errorf("POST: %v", err)
		}
		answered <- res
	}()
	io.WriteString(pw, body[:len(body)/2])
	time.Sleep(300 * time.Millisecond) // the request is in flight
	srv.cancel()
	time.Sleep(300 * time.Millisecond) // shutdown has begun
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("a new connection was accepted after shutdown began")
	}
	io.WriteString(pw, body[len(body)/2:])
	pw.Close()

	select {
	case res := <-answered:
		if res == nil || res.StatusCode != http.StatusCreated {
			t.Fatalf("in-flight POST answered %v", res)
		}
		res.Body.Close()
	case <-time.After(20 * time.Second):
		t.Fatal("in-flight POST got no answer")
	}
	if err := srv.exit(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	store, err := sqlite.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	arts, err := store.Articles(context.Background(), n+1, 0)
	if err != nil || len(arts) != n {
		t.Fatalf("stored %d articles (%v), want %d", len(arts), err, n)
	}
	if m, _ := store.CountMentions(context.Background(), geo.Filter{}); m < n {
		t.Errorf("stored %d mentions for %d articles", m, n)
	}
}
