package feeds_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"mentionmap/data/postgis"
	"mentionmap/data/postgis/pgtest"
	"mentionmap/feeds"
)

// TestOneProcessPollsEachFeed runs two pollers, as two processes over one
// PostgreSQL database: only one polls the feed; when its process stops,
// the other takes the feed over at its next poll.
func TestOneProcessPollsEachFeed(t *testing.T) {
	s := newSite(t)
	u := s.URL + "/feed.xml"
	first, dsn := pgtest.Open(t)
	second, err := postgis.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	p1 := feeds.NewPoller([]string{u}, time.Hour, fetcher(), first, geoparser(t), log)
	p2 := feeds.NewPoller([]string{u}, time.Hour, fetcher(), second, geoparser(t), log)
	ctx := context.Background()
	p1.Poll(ctx, u)
	p2.Poll(ctx, u)
	if n := s.count("/feed.xml"); n != 1 {
		t.Errorf("the feed was fetched %d times by two processes, want once", n)
	}
	if st := p2.Status()[0].Status; st != "polled by another process" {
		t.Errorf("the second process: %q", st)
	}
	first.Close() // the first process stops; the server ends its session soon after
	for i := 0; i < 40 && p2.Status()[0].Status == "polled by another process"; i++ {
		time.Sleep(50 * time.Millisecond)
		p2.Poll(ctx, u)
	}
	if n := s.count("/feed.xml"); n != 2 || p2.Status()[0].Status == "polled by another process" {
		t.Errorf("after the first process stopped: %d fetches, status %q", n, p2.Status()[0].Status)
	}
}
