package ingest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"mentionmap/data/postgis/pgtest"
	"mentionmap/data/sqlite"
	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/ingest"
)

// listing is everything the API serves of a store, as JSON.
func listing(t *testing.T, s geo.ArticleStore) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	ctx := context.Background()
	err := s.PlaceSummaries(ctx, geo.Filter{}, func(p *geo.PlaceSummary) error { p.Place.ID = 0; return enc.Encode(p) })
	if err == nil {
		err = s.Mentions(ctx, geo.Filter{}, func(r *geo.MentionRow) error {
			r.Mention.ID, r.Mention.Place.ID = 0, 0
			return enc.Encode(r)
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// interruptAfter stops a copy after its first batch.
type interruptAfter struct {
	ingest.Importer
	batches int
}

var errInterrupted = errors.New("interrupted")

func (s *interruptAfter) IngestBatch(ctx context.Context, arts []*geo.Article) ([]bool, error) {
	if s.batches++; s.batches > 1 {
		return nil, errInterrupted
	}
	return s.Importer.IngestBatch(ctx, arts)
}

// TestCopyToPostGIS copies a SQLite store of 2,500 articles into PostGIS,
// interrupted after its first batch and then resumed: the two stores then
// serve the same places and mentions, and a second copy adds nothing.
func TestCopyToPostGIS(t *testing.T) {
	ctx := context.Background()
	dst, _ := pgtest.Open(t)
	src, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "src.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	b := ingest.NewBatcher(ctx, src, gazetteer.NewParser(index(t)), ingest.NewReport(io.Discard), 0)
	arts := corpus(2500)
	arts[7].Published = nil // its time is its ingest time, which the copy keeps
	for _, a := range arts {
		if err := b.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Finish(); err != nil {
		t.Fatal(err)
	}
	if err := ingest.Copy(ctx, src, &interruptAfter{Importer: dst}, io.Discard); !errors.Is(err, errInterrupted) {
		t.Fatalf("the interrupted copy: %v", err)
	}
	if n, _ := dst.CountArticles(ctx); n != 1000 {
		t.Fatalf("%d articles after the interrupted copy, want the first batch's 1000", n)
	}
	var out strings.Builder
	if err := ingest.Copy(ctx, src, dst, &out); err != nil || !strings.Contains(out.String(), "1000 were there already") {
		t.Fatalf("the resumed copy: %v\n%s", err, out.String())
	}
	if got, want := listing(t, dst), listing(t, src); got != want {
		t.Errorf("the stores differ after the copy:\n%.600s\n---\n%.600s", got, want)
	}
	v, _ := dst.Version(ctx)
	out.Reset()
	if err := ingest.Copy(ctx, src, dst, &out); err != nil || !strings.Contains(out.String(), "2500 were there already") {
		t.Errorf("the second copy: %v\n%s", err, out.String())
	}
	if v2, _ := dst.Version(ctx); v2 != v {
		t.Error("a second copy changed the data")
	}
}
