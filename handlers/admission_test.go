package handlers_test

import (
	"context"
	"encoding/csv"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/handlers"
)

// heldStore holds every read of places' points and mentions until hold is
// closed, or the read's context ends.
type heldStore struct {
	geo.ArticleStore
	hold    chan struct{}
	started chan struct{}
}

func (h heldStore) wait(ctx context.Context) error {
	h.started <- struct{}{}
	select {
	case <-h.hold:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h heldStore) PlacePoints(ctx context.Context, f geo.Filter, fn func(*geo.ClusterPoint) error) error {
	if err := h.wait(ctx); err != nil {
		return err
	}
	return h.ArticleStore.PlacePoints(ctx, f, fn)
}

func (h heldStore) Mentions(ctx context.Context, f geo.Filter, fn func(*geo.MentionRow) error) error {
	if err := h.wait(ctx); err != nil {
		return err
	}
	return h.ArticleStore.Mentions(ctx, f, fn)
}

func newHeld(t *testing.T, opts handlers.Options) (*httptest.Server, heldStore) {
	_, store := startServer(t, handlers.Options{})
	seedMentions(t, store, 5)
	h := heldStore{ArticleStore: store, hold: make(chan struct{}), started: make(chan struct{}, 16)}
	opts.Logger = quiet()
	srv := httptest.NewServer(handlers.New(h, gazetteer.NewParser(gaz), opts))
	t.Cleanup(srv.Close)
	return srv, h
}

func get(ctx context.Context, url string) (int, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	res.Body.Close()
	return res.StatusCode, nil
}

// TestClusterBuildOutlivesItsFirstClient: the client that started a
// cluster index leaves; another waiting on the same index still gets it.
func TestClusterBuildOutlivesItsFirstClient(t *testing.T) {
	srv, h := newHeld(t, handlers.Options{})
	url := srv.URL + "/tiles/0/0/0.mvt?country=LY"
	first, leave := context.WithCancel(context.Background())
	go get(first, url)
	<-h.started // the first client builds
	second := make(chan int)
	go func() { st, _ := get(context.Background(), url); second <- st }()
	time.Sleep(100 * time.Millisecond) // the second client waits on the same build
	leave()
	time.Sleep(100 * time.Millisecond)
	close(h.hold)
	if st := <-second; st != 200 {
		t.Errorf("the second client got %d, want 200", st)
	}
}

// TestAdmission fills the one slot for expensive reads: the next
// expensive read is answered 503 with Retry-After, a cheap one still runs.
func TestAdmission(t *testing.T) {
	srv, h := newHeld(t, handlers.Options{MaxHeavy: 1})
	done := make(chan int)
	go func() {
		st, _ := get(context.Background(), srv.URL+"/features.geojson?group=mention&limit=10000")
		done <- st
	}()
	<-h.started
	res, body := do(t, "GET", srv.URL+"/collections/mentions/items?limit=5000", "", "")
	if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" {
		t.Errorf("second expensive read: %d %s, want 503 with Retry-After", res.StatusCode, body)
	}
	if res, body := do(t, "GET", srv.URL+"/features.geojson?limit=10", "", ""); res.StatusCode != 200 {
		t.Errorf("cheap read: %d %s", res.StatusCode, body)
	}
	close(h.hold)
	if st := <-done; st != 200 {
		t.Errorf("the admitted read: %d", st)
	}
}

func TestCSVCellsAreInert(t *testing.T) {
	srv := newServer(t, handlers.Options{})
	body := `{"title":"=HYPERLINK(\"http://evil.test\",\"x\")","source":"@wire","url":"https://x.test/csv","text":"Floods hit Dakar, Senegal."}`
	if res, b := do(t, "POST", srv.URL+"/articles", "application/json", body); res.StatusCode != 201 {
		t.Fatalf("POST: %d %s", res.StatusCode, b)
	}
	_, b := do(t, "GET", srv.URL+"/features.geojson?group=mention&f=csv", "", "")
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("CSV: %v\n%s", err, b)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, row := range rows[1:] {
		if got := row[col["article_title"]]; !strings.HasPrefix(got, `'=`) {
			t.Errorf("title cell %q is live", got)
		}
		if got := row[col["source"]]; got != "'@wire" {
			t.Errorf("source cell %q", got)
		}
		if lon := row[col["lon"]]; !strings.HasPrefix(lon, "-") {
			t.Errorf("longitude %q of Dakar lost its sign", lon)
		}
	}
}

// TestClientLeavingIsNoError: a client that leaves mid-request is noted
// at INFO, not logged as a failure.
func TestClientLeavingIsNoError(t *testing.T) {
	_, store := startServer(t, handlers.Options{})
	seedMentions(t, store, 5)
	h := heldStore{ArticleStore: store, hold: make(chan struct{}), started: make(chan struct{}, 16)}
	var logs syncBuffer
	srv := httptest.NewServer(handlers.New(h, gazetteer.NewParser(gaz), handlers.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))}))
	defer srv.Close()
	ctx, leave := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { get(ctx, srv.URL+"/features.geojson?group=mention&limit=5000"); close(done) }()
	<-h.started
	leave()
	<-done
	time.Sleep(200 * time.Millisecond) // the handler sees its context end
	if out := logs.String(); strings.Contains(out, "level=ERROR") || !strings.Contains(out, "client went away") {
		t.Errorf("log:\n%s", out)
	}
}

// syncBuffer is a bytes.Buffer safe for a logger and a test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
