package feeds_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"mentionmap/feeds"
)

// bigFeed serves n items, each with its full text.
func bigFeed(t *testing.T, n int) string {
	text := strings.Repeat("Fighting was reported in Sirte, Libya, on Monday. ", 12)
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>Wire</title>`)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Report %d</title><guid>item-%d</guid><description>%d. %s</description></item>`, i, i, i, text)
	}
	b.WriteString(`</channel></rss>`)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, b.String())
	}))
	t.Cleanup(s.Close)
	return s.URL + "/feed.xml"
}

func TestPollTakesAtMostItsCap(t *testing.T) {
	u := bigFeed(t, 250)
	st := newStore(t)
	p := feeds.NewPoller([]string{u}, time.Hour, fetcher(), st, geoparser(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	p.Poll(context.Background(), u)
	if s := p.Status()[0]; s.LastNew != 200 || !s.Capped {
		t.Errorf("first poll: %d new, capped %v; want 200, true", s.LastNew, s.Capped)
	}
	p.Poll(context.Background(), u)
	if s := p.Status()[0]; s.LastNew != 50 || s.Capped || s.TotalNew != 250 {
		t.Errorf("second poll: %d new (%d in all), capped %v; want 50 (250), false", s.LastNew, s.TotalNew, s.Capped)
	}
}

// TestPollStoresEachItemAsItIsRead: a page that never comes stops the
// poll, and the item read before it is stored already.
func TestPollStoresEachItemAsItIsRead(t *testing.T) {
	text := strings.Repeat("Fighting was reported in Sirte, Libya, on Monday. ", 12)
	var s *httptest.Server
	var once sync.Once
	reached := make(chan struct{}) // the poll asked for the page that never comes
	s = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			once.Do(func() { close(reached) })
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Wire</title>
<item><title>Full</title><guid>a</guid><description>%s</description></item>
<item><title>Summary</title><guid>b</guid><link>%s/slow</link><description>Tripoli.</description></item>
</channel></rss>`, text, s.URL)
	}))
	defer s.Close()
	st := newStore(t)
	p := feeds.NewPoller([]string{s.URL}, time.Hour, fetcher(), st, geoparser(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-reached; cancel() }()
	p.Poll(ctx, s.URL)
	arts, err := st.Articles(context.Background(), 10, 0)
	if err != nil || len(arts) < 1 || arts[len(arts)-1].Title != "Full" {
		t.Errorf("stored %+v, %v; want the first item", arts, err)
	}
}
