package feeds_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mentionmap/data/sqlite"
	"mentionmap/feeds"
	"mentionmap/gazetteer"
	"mentionmap/geo"
)

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
)

// geoparser returns a new parser over the gazetteer, which the tests load
// once and share: it is immutable.
func geoparser(t *testing.T) *gazetteer.Parser {
	gazOnce.Do(func() {
		var err error
		if gaz, err = gazetteer.Default(); err != nil {
			panic(err)
		}
	})
	return gazetteer.NewParser(gaz)
}

func fixture(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// site serves the fixtures with content types, ETags and a failing path,
// counting requests per path.
type site struct {
	*httptest.Server
	hits sync.Map // path -> *int64
	etag atomic.Value
}

func newSite(t *testing.T) *site {
	s := &site{}
	s.etag.Store(`"v1"`)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := s.hits.LoadOrStore(r.URL.Path, new(int64))
		atomic.AddInt64(n.(*int64), 1)
		switch r.URL.Path {
		case "/feed.xml":
			etag := s.etag.Load().(string)
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			w.Write([]byte(strings.ReplaceAll(string(fixture(t, "summary-feed.xml")), "PAGE_BASE", s.URL)))
		case "/pages/herders.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(fixture(t, "herders.html"))
		case "/pages/solar.html":
			w.Write(fixture(t, "solar.html"))
		case "/boilerplate.html":
			w.Header().Set("Content-Type", "text/html")
			w.Write(fixture(t, "boilerplate.html"))
		case "/latin1.html":
			w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
			w.Write(fixture(t, "latin1.html"))
		case "/broken.xml":
			http.Error(w, "upstream trouble", http.StatusInternalServerError)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) count(path string) int64 {
	if n, ok := s.hits.Load(path); ok {
		return atomic.LoadInt64(n.(*int64))
	}
	return 0
}

func fetcher() *feeds.Fetcher {
	f := feeds.NewFetcher()
	f.HostDelay = 0
	return f
}

func places(t *testing.T, text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range geoparser(t).Parse(text) {
		out[m.Place.Name] = true
	}
	return out
}

// TestBoilerplatePage: only the article's places are mapped, not those
// named in the navigation, sidebar, comments or footer.
func TestBoilerplatePage(t *testing.T) {
	s := newSite(t)
	arts, _, err := fetcher().Read(context.Background(), s.URL+"/boilerplate.html")
	if err != nil || len(arts) != 1 {
		t.Fatalf("%v %d", err, len(arts))
	}
	a := arts[0]
	if a.URL != "https://delta-courier.test/news/dhaka-floods" || !strings.HasPrefix(a.Title, "Floods displace thousands in Dhaka") ||
		a.Published == nil || a.Published.Format(time.RFC3339) != "2026-07-14T06:30:00Z" {
		t.Errorf("article = %q %q %v", a.URL, a.Title, a.Published)
	}
	got := places(t, a.Text)
	for _, want := range []string{"Dhaka", "Bangladesh", "Chittagong"} {
		if !got[want] {
			t.Errorf("%s not mapped; places %v", want, got)
		}
	}
	for _, not := range []string{"Paris", "Tokyo", "Berlin", "Chicago", "Singapore", "Lisbon", "Madrid", "Rome"} {
		if got[not] {
			t.Errorf("%s, named only around the article, was mapped", not)
		}
	}
}

func TestNonUTF8Page(t *testing.T) {
	s := newSite(t)
	arts, _, err := fetcher().Read(context.Background(), s.URL+"/latin1.html")
	if err != nil {
		t.Fatal(err)
	}
	text := arts[0].Text
	if !strings.Contains(text, "Médenine et Gabès") || !strings.Contains(arts[0].Title, "Orages") {
		t.Errorf("not decoded from ISO-8859-1: %q", text[:80])
	}
	if got := places(t, text); !got["Medenine"] && !got["Médenine"] {
		t.Errorf("Médenine not mapped: %v", got)
	}
}

func TestSummaryFeedFetchesPages(t *testing.T) {
	s := newSite(t)
	arts, _, err := fetcher().Read(context.Background(), s.URL+"/feed.xml")
	if err != nil || len(arts) != 2 {
		t.Fatalf("%v %d", err, len(arts))
	}
	herders, solar := arts[0], arts[1]
	if !strings.Contains(herders.Text, "toward Mopti") || strings.Contains(herders.Text, "Read more") || strings.Contains(herders.Text, "Dakar") {
		t.Errorf("summary item not completed from its page: %q", herders.Text)
	}
	if herders.Source != "Sahel Watch" || herders.Published.Format(time.RFC3339) != "2026-04-14T08:00:00Z" {
		t.Errorf("item metadata: %q %v", herders.Source, herders.Published)
	}
	if s.count("/pages/solar.html") != 0 || !strings.Contains(solar.Text, "Bobo-Dioulasso") {
		t.Errorf("a full item was fetched again or lost its text")
	}
}

func TestAtomAndJSONFeedFiles(t *testing.T) {
	for _, f := range []struct{ file, source, place string }{{"atom.xml", "Andes Wire", "Valparaíso"}, {"feed.json", "Pacific Bulletin", "Manila"}} {
		arts, _, err := fetcher().Read(context.Background(), filepath.Join("testdata", f.file))
		if err != nil || len(arts) != 1 {
			t.Fatalf("%s: %v", f.file, err)
		}
		if arts[0].Source != f.source || arts[0].URL == "" || arts[0].Published == nil || !places(t, arts[0].Text)[f.place] {
			t.Errorf("%s: %+v", f.file, arts[0])
		}
	}
}

func newStore(t *testing.T) *sqlite.Store {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "feeds.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestPollerSeenTwice: a second poll adds nothing (304 via ETag); a changed
// document with the same items adds nothing and fetches no page again.
func TestPollerSeenTwice(t *testing.T) {
	s := newSite(t)
	st := newStore(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	p := feeds.NewPoller([]string{s.URL + "/feed.xml"}, time.Minute, fetcher(), st, geoparser(t), log)
	ctx := context.Background()
	p.Poll(ctx, s.URL+"/feed.xml")
	first := p.Status()[0]
	if first.Status != "ok" || first.LastNew != 2 || first.Title != "Sahel Watch" {
		t.Fatalf("first poll: %+v", first)
	}
	p.Poll(ctx, s.URL+"/feed.xml")
	if second := p.Status()[0]; second.Status != "not modified" || second.TotalNew != 2 {
		t.Errorf("second poll: %+v", second)
	}
	s.etag.Store(`"v2"`)
	p.Poll(ctx, s.URL+"/feed.xml")
	if third := p.Status()[0]; third.Status != "ok" || third.LastNew != 0 || third.TotalNew != 2 {
		t.Errorf("third poll: %+v", third)
	}
	if n := s.count("/pages/herders.html"); n != 1 {
		t.Errorf("the linked page was fetched %d times", n)
	}
	arts, _ := st.Articles(ctx, 10, 0)
	if len(arts) != 2 {
		t.Errorf("%d articles stored", len(arts))
	}
}

func TestPollerFailingSourceBacksOff(t *testing.T) {
	s := newSite(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	p := feeds.NewPoller([]string{s.URL + "/broken.xml", s.URL + "/boilerplate.html"}, time.Minute, fetcher(), newStore(t), geoparser(t), log)
	ctx := context.Background()
	w1 := p.Poll(ctx, s.URL+"/broken.xml")
	w2 := p.Poll(ctx, s.URL+"/broken.xml")
	st := p.Status()
	var broken, page geo.FeedStatus
	for _, f := range st {
		if strings.HasSuffix(f.URL, "broken.xml") {
			broken = f
		} else {
			page = f
		}
	}
	if !strings.HasPrefix(broken.Status, "error") || broken.Errors != 2 || broken.Failures != 2 || w1 != 2*time.Minute || w2 != 4*time.Minute {
		t.Errorf("failing feed: %+v, waits %v %v", broken, w1, w2)
	}
	p.Poll(ctx, s.URL+"/boilerplate.html")
	if page = p.Status()[0]; !strings.Contains(page.Status, "not an RSS") {
		t.Errorf("a page polled as a feed: %+v", page)
	}
}

func TestFetcherTimeoutAndHostDelay(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
	}))
	defer slow.Close()
	f := feeds.NewFetcher()
	f.Client.Timeout = 50 * time.Millisecond
	if _, err := f.Get(context.Background(), slow.URL, feeds.Validators{}); err == nil {
		t.Error("no timeout")
	}
	s := newSite(t)
	f = feeds.NewFetcher()
	f.HostDelay = 150 * time.Millisecond
	start := time.Now()
	for i := 0; i < 3; i++ {
		f.Get(context.Background(), s.URL+"/pages/solar.html", feeds.Validators{})
	}
	if el := time.Since(start); el < 300*time.Millisecond {
		t.Errorf("3 requests to one host took %v; the delay is 150ms", el)
	}
	if _, err := f.Get(context.Background(), "file:///etc/passwd", feeds.Validators{}); geo.ErrorCode(err) != geo.EINVALID {
		t.Errorf("file URL: %v", err)
	}
}
