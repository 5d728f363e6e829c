package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"mentionmap/data/postgis/pgtest"
	"mentionmap/data/sqlite"
	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/ingest"
	"mentionmap/internal/cli"
)

// TestMigrateBenchCorpus copies a SQLite store of the benchmark corpus
// (3,000 articles, about 50,000 mentions) into PostGIS, as `mentionmap
// migrate` does: the counts match, and so does every 125th article with
// its mentions, but for ids.
func TestMigrateBenchCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 3,000 articles")
	}
	ctx := context.Background()
	dst, _ := pgtest.Open(t)
	src, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "src.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	idx, err := cli.LoadGazetteer(slog.New(slog.DiscardHandler), "")
	if err != nil {
		t.Fatal(err)
	}
	b := ingest.NewBatcher(ctx, src, gazetteer.NewParser(idx), ingest.NewReport(io.Discard), 0)
	for _, a := range benchCorpus(idx, 3000, 1, "migrate") {
		if err := b.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Finish(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := ingest.Copy(ctx, src, dst, &out); err != nil || !strings.Contains(out.String(), "match") {
		t.Fatalf("copy: %v\n%s", err, out.String())
	}
	for _, count := range []func(geo.ArticleStore) (int, error){
		func(s geo.ArticleStore) (int, error) { return s.CountMentions(ctx, geo.Filter{}) },
		func(s geo.ArticleStore) (int, error) { return s.CountPlaces(ctx, geo.Filter{}) },
		func(s geo.ArticleStore) (int, error) {
			return s.CountMentions(ctx, geo.Filter{Query: mustQuery("talks"), MinConfidence: 0.8})
		},
	} {
		n, err1 := count(src)
		m, err2 := count(dst)
		if err1 != nil || err2 != nil || n != m || n == 0 {
			t.Errorf("counts: SQLite %d (%v), PostGIS %d (%v)", n, err1, m, err2)
		}
	}
	dstIDs := map[string]int64{}
	for off := 0; ; off += 1000 {
		arts, err := dst.Articles(ctx, 1000, off)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			dstIDs[a.URL] = a.ID
		}
		if len(arts) < 1000 {
			break
		}
	}
	for id := int64(1); id <= 3000; id += 125 {
		want := body(t, src, id)
		var a geo.Article
		json.Unmarshal([]byte(want), &a)
		if got := body(t, dst, dstIDs[a.URL]); got != want {
			t.Errorf("article %s differs:\n%.400s\n---\n%.400s", a.URL, got, want)
		}
	}
}

// body is an article with all its mentions as JSON, without ids.
func body(t *testing.T, s geo.ArticleStore, id int64) string {
	t.Helper()
	a, err := s.Article(context.Background(), id, geo.MaxMentions, 0)
	if err != nil {
		t.Fatalf("article %d: %v", id, err)
	}
	a.ID = 0
	for i := range a.Mentions {
		a.Mentions[i].ID, a.Mentions[i].ArticleID, a.Mentions[i].Place.ID = 0, 0, 0
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustQuery(q string) geo.TextQuery {
	tq, err := geo.ParseQuery(q)
	if err != nil {
		panic(err)
	}
	return tq
}
