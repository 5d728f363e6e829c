package ingest_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"mentionmap/data/sqlite"
	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/ingest"
)

// TestRelearnSources stores a local paper's articles, then checks that a
// fresh process (a newly loaded gazetteer) resolves the paper's next
// article as the first one would, once it has relearnt from the store.
func TestRelearnSources(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	idx := index(t)
	first := gazetteer.NewParser(idx)
	const url = "https://www.star-telegram.com/"
	arts := []*geo.Article{
		{URL: url + "1", Text: "The Arlington school board met on Tuesday in Arlington, Texas."},
		{URL: url + "2", Text: "Traffic between Fort Worth and Dallas, Texas slowed on Friday."},
	}
	if _, err := geo.IngestBatch(ctx, store, first, arts); err != nil {
		t.Fatal(err)
	}
	const next = "MANSFIELD — The City Council voted on Monday to refinance the debt of the city."
	admin1 := func(ms []geo.Mention) string {
		if len(ms) == 0 {
			t.Fatal("no mention")
		}
		return ms[0].Place.Country + "." + ms[0].Place.Admin1
	}
	source := geo.SourceKey("", url+"3")
	if got := admin1(first.ParseFrom(source, next)); got != "US.TX" {
		t.Fatalf("the process that stored the articles put Mansfield in %s", got)
	}
	restarted := gazetteer.NewParser(idx) // a new process's parser has learnt nothing
	if got := admin1(restarted.Parse(next)); got == "US.TX" {
		t.Fatalf("without relearning Mansfield is already in %s; the test cannot tell", got)
	}
	upTo, err := store.LastArticleID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := ingest.Relearn(ctx, log, store, restarted, upTo); err != nil {
		t.Fatal(err)
	}
	if got := admin1(restarted.ParseFrom(source, next)); got != "US.TX" {
		t.Errorf("after relearning, Mansfield is in %s, want US.TX", got)
	}
}
