package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mentionmap/alerts"
	"mentionmap/data/postgis/pgtest"
)

// TestWebhooksAcrossServers runs two serve processes on one database, on
// SQLite and on PostGIS, with a watch whose webhook is a real receiver:
// the towns first named after the watch was made reach it, signed, each
// once, though both processes look for events.
func TestWebhooksAcrossServers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs several binaries")
	}
	bin := buildBinary(t, t.TempDir())
	t.Run("sqlite", func(t *testing.T) { testWebhooks(t, bin, filepath.Join(t.TempDir(), "hooks.db")) })
	t.Run("postgis", func(t *testing.T) {
		_, dsn := pgtest.Open(t)
		testWebhooks(t, bin, dsn)
	})
}

// hookReceiver counts the signed posts of each event.
type hookReceiver struct {
	mu     sync.Mutex
	secret string
	events map[string]int
	bad    []string
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	if alerts.Sign(h.secret, r.Header.Get(alerts.HeaderTimestamp), body) != r.Header.Get(alerts.HeaderSignature) {
		h.bad = append(h.bad, string(body))
	}
	h.events[r.Header.Get(alerts.HeaderEvent)]++
}

func (h *hookReceiver) snapshot() (map[string]int, []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := map[string]int{}
	for k, v := range h.events {
		out[k] = v
	}
	return out, h.bad
}

func testWebhooks(t *testing.T, bin, db string) {
	flags := []string{"--webhook-every", "200ms", "--allow-private-fetch"}
	a, _ := startBinary(t, bin, db, flags...)
	b, _ := startBinary(t, bin, db, flags...)
	rc := &hookReceiver{events: map[string]int{}}
	hook := httptest.NewServer(rc)
	defer hook.Close()
	res, err := http.Post(a+"/watches", "application/json",
		strings.NewReader(fmt.Sprintf(`{"name":"Libya","place":"LY","filter":"kind=city","webhook":%q}`, hook.URL+"/in")))
	if err != nil {
		t.Fatal(err)
	}
	var made struct {
		ID     int64  `json:"id"`
		Secret string `json:"secret"`
	}
	json.NewDecoder(res.Body).Decode(&made)
	res.Body.Close()
	if res.StatusCode != 201 || made.Secret == "" {
		t.Fatalf("POST /watches: %d, secret %q", res.StatusCode, made.Secret)
	}
	rc.mu.Lock()
	rc.secret = made.Secret
	rc.mu.Unlock()
	time.Sleep(1100 * time.Millisecond) // the watch's time is kept to the second
	for i, text := range []string{"Fighting reached Sirte, Libya.", "Clashes near Misrata, Libya."} {
		if code := post(t, b, fmt.Sprintf(`{"url":"https://x.test/h%d","text":%q}`, i, text)); code != 201 {
			t.Fatalf("POST /articles: %d", code)
		}
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		got, _ := rc.snapshot()
		if len(got) >= 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second) // rounds of both processes, which must not repeat a delivery
	got, bad := rc.snapshot()
	if len(got) != 2 || len(bad) > 0 {
		t.Fatalf("the webhook got %v (unsigned or badly signed: %v), want two new towns", got, bad)
	}
	for id, n := range got {
		if !strings.HasPrefix(id, "new:") || n != 1 {
			t.Errorf("event %s posted %d times, want a new town once", id, n)
		}
	}
	body, _ := getBody(t, fmt.Sprintf("%s/watches/%d/deliveries", b, made.ID))
	if strings.Count(body, `"status":"delivered"`) != 2 {
		t.Errorf("delivery log: %s", body)
	}
}
