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

// A local paper: its first two articles are about Texas, and its next
// names a town without its state, which the paper's locality places.
const (
	paperURL  = "https://www.star-telegram.com/"
	paperNext = "MANSFIELD — The City Council voted on Monday to refinance the debt of the city."
)

func paperArticles() []*geo.Article {
	return []*geo.Article{
		{URL: paperURL + "1", Text: "The Arlington school board met on Tuesday in Arlington, Texas."},
		{URL: paperURL + "2", Text: "Traffic between Fort Worth and Dallas, Texas slowed on Friday."},
	}
}

// whereNext is where p puts the town of the paper's next article.
func whereNext(t *testing.T, p *gazetteer.Parser) string {
	t.Helper()
	ms := p.ParseFrom(geo.SourceKey("", paperURL+"3"), paperNext)
	if len(ms) == 0 {
		t.Fatal("no mention")
	}
	return ms[0].Place.Country + "." + ms[0].Place.Admin1
}

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
	if _, err := geo.IngestBatch(ctx, store, first, paperArticles()); err != nil {
		t.Fatal(err)
	}
	if got := whereNext(t, first); got != "US.TX" {
		t.Fatalf("the process that stored the articles put Mansfield in %s", got)
	}
	restarted := gazetteer.NewParser(idx) // a new process's parser has learnt nothing
	if got := whereNext(t, restarted); got == "US.TX" {
		t.Fatalf("without relearning Mansfield is already in %s; the test cannot tell", got)
	}
	upTo, err := store.LastArticleID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := ingest.Relearn(ctx, log, store, restarted, upTo); err != nil {
		t.Fatal(err)
	}
	if got := whereNext(t, restarted); got != "US.TX" {
		t.Errorf("after relearning, Mansfield is in %s, want US.TX", got)
	}
}
