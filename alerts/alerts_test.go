package alerts

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mentionmap/data/sqlite"
	"mentionmap/feeds"
	"mentionmap/geo"
)

// fixedEvents reports the same events for every watch.
type fixedEvents []geo.WatchEvent

func (f fixedEvents) WatchEvents(context.Context, *geo.Watch, time.Time) ([]geo.WatchEvent, error) {
	return f, nil
}

var events = fixedEvents{
	{ID: "new:7", Kind: "new", Text: "first mentioned here on 3 March 2026", When: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC),
		Place: geo.ClusterPoint{ID: 7, Name: "Sirte", Kind: geo.KindCity, Country: "LY", Point: orb.Point{16.59, 31.21}, Mentions: 4}},
	{ID: "rise:5:2026-W10", Kind: "rise", Text: "9 mentions in the week", When: time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC),
		Place: geo.ClusterPoint{ID: 5, Name: "Tripoli", Kind: geo.KindCity, Country: "LY", Point: orb.Point{13.19, 32.89}, Mentions: 9}},
}

// receiver is a real webhook endpoint on loopback that answers with the
// statuses given, in turn, then 200, and keeps what it was sent.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      []*http.Request
	bodies   [][]byte
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	rc := &receiver{statuses: statuses}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got, rc.bodies = append(rc.got, r), append(rc.bodies, body)
		code := http.StatusOK
		if len(rc.statuses) > 0 {
			code, rc.statuses = rc.statuses[0], rc.statuses[1:]
		}
		rc.mu.Unlock()
		w.WriteHeader(code)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) count() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return len(rc.got)
}

// setup opens a real SQLite store with one watch whose webhook is url,
// and a dispatcher over it whose clock is *now.
func setup(t *testing.T, url string, allowPrivate bool, now *time.Time) (*sqlite.Store, *geo.Watch, *Dispatcher) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	w := &geo.Watch{Name: "Libya", BBox: geo.BBox{9, 19, 26, 34}, Webhook: url, Secret: "k3y"}
	if err := s.CreateWatch(ctx, w); err != nil {
		t.Fatal(err)
	}
	f := feeds.NewFetcher()
	f.AllowPrivate = allowPrivate
	return s, w, newDispatcher(s, f.Client, now)
}

func newDispatcher(s Store, c *http.Client, now *time.Time) *Dispatcher {
	return &Dispatcher{Store: s, Events: events, Client: c, Log: slog.New(slog.DiscardHandler),
		Timeout: 300 * time.Millisecond, now: func() time.Time { return *now }}
}

func TestDeliversEachEventOnceSigned(t *testing.T) {
	rc := newReceiver(t)
	now := time.Now()
	s, w, d := setup(t, rc.URL+"/hook?token=abc", true, &now)
	// Two dispatchers over one store, as two serve processes, at once.
	other := newDispatcher(s, d.Client, &now)
	var wg sync.WaitGroup
	for _, x := range []*Dispatcher{d, other, d} {
		wg.Go(func() {
			if err := x.Round(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := rc.count(); n != len(events) {
		t.Fatalf("the webhook got %d posts, want %d, one per event", n, len(events))
	}
	for i, r := range rc.got {
		ts := r.Header.Get(HeaderTimestamp)
		if r.Header.Get(HeaderSignature) != Sign(w.Secret, ts, rc.bodies[i]) || ts == "" {
			t.Errorf("post %d: signature %q does not match its body", i, r.Header.Get(HeaderSignature))
		}
		var ev event
		if err := json.Unmarshal(rc.bodies[i], &ev); err != nil || ev.Watch.ID != w.ID || ev.ID != r.Header.Get(HeaderEvent) ||
			!strings.HasSuffix(ev.Title, ": "+ev.Place.Name) || ev.Links["place"] == "" {
			t.Errorf("post %d: body %s (%v)", i, rc.bodies[i], err)
		}
	}
	log, err := s.Deliveries(context.Background(), w.ID, 10, 0)
	if err != nil || len(log) != 2 || log[0].Status != geo.DeliveryDelivered || log[0].Attempts != 1 || log[0].LastCode != 200 {
		t.Errorf("delivery log: %+v (%v)", log, err)
	}
}

func TestBacksOffAndRetries(t *testing.T) {
	rc := newReceiver(t, 500, 503, 500, 503)
	start := time.Now()
	now := start
	s, w, d := setup(t, rc.URL, true, &now)
	for _, step := range []struct {
		after time.Duration
		posts int // in all, so far
	}{
		{0, 2},                 // both fail: retry in 10 s
		{5 * time.Second, 2},   // not due
		{10 * time.Second, 4},  // both fail again: retry in 20 s
		{25 * time.Second, 4},  // not due
		{30 * time.Second, 6},  // delivered
		{600 * time.Second, 6}, // nothing left
	} {
		now = start.Add(step.after)
		if err := d.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := rc.count(); n != step.posts {
			t.Errorf("after %v: %d posts, want %d", step.after, n, step.posts)
		}
	}
	log, err := s.Deliveries(context.Background(), w.ID, 10, 0)
	if err != nil || len(log) != 2 {
		t.Fatal(log, err)
	}
	for _, l := range log {
		if l.Status != geo.DeliveryDelivered || l.Attempts != 3 || l.LastCode != 200 || l.Delivered == nil {
			t.Errorf("delivery %s: %+v", l.EventID, l)
		}
	}
}

func TestFailuresAreLoggedNotRaised(t *testing.T) {
	stop := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	defer hang.Close()
	defer close(stop) // before Close, which waits for the handlers
	for _, c := range []struct {
		name         string
		url          string
		allowPrivate bool
		want         string
	}{
		{"a webhook that hangs", hang.URL, true, "deadline exceeded"},
		{"a private address", hang.URL, false, "private"},
		{"nobody listening", "http://127.0.0.1:1/hook", true, "refused"},
	} {
		now := time.Now()
		s, w, d := setup(t, c.url, c.allowPrivate, &now)
		began := time.Now()
		if err := d.Round(context.Background()); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if took := time.Since(began); took > 3*time.Second {
			t.Errorf("%s: the round took %v", c.name, took)
		}
		log, _ := s.Deliveries(context.Background(), w.ID, 10, 0)
		for _, l := range log {
			if l.Status != geo.DeliveryPending || l.Attempts != 1 || !strings.Contains(l.LastError, c.want) ||
				!l.NextAt.After(now) || strings.Contains(l.LastError, "127.0.0.1:1/hook") {
				t.Errorf("%s: %+v", c.name, l)
			}
		}
		if len(log) != 2 {
			t.Errorf("%s: %d deliveries logged, want 2", c.name, len(log))
		}
	}
}

func TestBackoff(t *testing.T) {
	for _, c := range []struct {
		n    int
		want time.Duration
	}{{1, 10 * time.Second}, {2, 20 * time.Second}, {3, 40 * time.Second}, {9, 2560 * time.Second}, {10, time.Hour}, {64, time.Hour}} {
		if got := backoff(c.n); got != c.want {
			t.Errorf("backoff(%d) = %v, want %v", c.n, got, c.want)
		}
	}
}

// failingFor reads no events for one watch, as a busy server refuses.
type failingFor int64

func (f failingFor) WatchEvents(ctx context.Context, w *geo.Watch, now time.Time) ([]geo.WatchEvent, error) {
	if w.ID == int64(f) {
		return nil, geo.Errorf(geo.EUNAVAILABLE, "busy")
	}
	return events.WatchEvents(ctx, w, now)
}

func TestOneWatchFailingDelaysNoOther(t *testing.T) {
	rc := newReceiver(t)
	now := time.Now()
	s, first, d := setup(t, rc.URL, true, &now)
	second := &geo.Watch{Name: "Tunisia", BBox: geo.BBox{7, 30, 12, 38}, Webhook: rc.URL, Secret: "k"}
	if err := s.CreateWatch(context.Background(), second); err != nil {
		t.Fatal(err)
	}
	d.Events = failingFor(first.ID)
	if err := d.Round(context.Background()); geo.ErrorCode(err) != geo.EUNAVAILABLE {
		t.Errorf("the round's error: %v", err)
	}
	if n := rc.count(); n != len(events) {
		t.Errorf("the other watch's %d events made %d posts", len(events), n)
	}
}
