package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"mentionmap/data/sqlite"
)

// TestKill9KeepsAcknowledgedArticles starts the real binary, streams POSTs
// at it, kills it with SIGKILL mid-stream, and checks that every article
// it acknowledged is in the database with all its mentions.
func TestKill9KeepsAcknowledgedArticles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a binary")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "crash.db")
	base, cmd := startBinary(t, buildBinary(t, dir), db)
	addr := strings.TrimPrefix(base, "http://")

	type ack struct{ id, mentions int }
	var mu sync.Mutex
	var acks []ack
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				body := fmt.Sprintf(`{"url":"https://crash.test/%d/%d","text":"Report %d-%d: fighting near Sirte and Benghazi in Libya, and talks in Tunis."}`, c, i, c, i)
				res, err := http.Post("http://"+addr+"/articles", "application/json", strings.NewReader(body))
				if err != nil {
					return // the server is gone
				}
				var a struct {
					ID       int
					Mentions []json.RawMessage
				}
				err = json.NewDecoder(res.Body).Decode(&a)
				res.Body.Close()
				if err == nil && (res.StatusCode == 201 || res.StatusCode == 200) {
					mu.Lock()
					acks = append(acks, ack{a.ID, len(a.Mentions)})
					mu.Unlock()
				}
			}
		}(c)
	}
	time.Sleep(1500 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	stop()
	wg.Wait()
	if len(acks) < 20 {
		t.Fatalf("only %d articles acknowledged before the kill", len(acks))
	}
	s, err := sqlite.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, a := range acks {
		got, err := s.Article(context.Background(), int64(a.id), 2000, 0)
		if err != nil {
			t.Errorf("acknowledged article %d is missing: %v", a.id, err)
		} else if len(got.Mentions) != a.mentions {
			t.Errorf("article %d has %d mentions, acknowledged with %d", a.id, len(got.Mentions), a.mentions)
		}
	}
	t.Logf("%d acknowledged articles all present after kill -9", len(acks))
}

func waitReady(t *testing.T, url string) {
	t.Helper()
	for i := 0; i < 100; i++ {
		if res, err := http.Get(url); err == nil {
			res.Body.Close()
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never answered", url)
}
