package ingest_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"mentionmap/data/postgis"
	"mentionmap/data/postgis/pgtest"
	"mentionmap/data/sqlite"
	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/ingest"
)

// twoProcesses opens two store values on one database, as two processes
// sharing it do.
type twoProcesses func(t *testing.T) (a, b ingest.Store)

// TestFollowerSharesWhatOthersStore: a local paper's articles parsed and
// stored by one process teach another process's geoparser, once it has
// caught up, to resolve the paper's next article as the first does; the
// first does not learn its own articles twice.
func TestFollowerSharesWhatOthersStore(t *testing.T) {
	for _, c := range []struct {
		name string
		open twoProcesses
	}{
		{"sqlite", func(t *testing.T) (ingest.Store, ingest.Store) {
			path := filepath.Join(t.TempDir(), "m.db")
			return openSQLite(t, path), openSQLite(t, path)
		}},
		{"postgis", func(t *testing.T) (ingest.Store, ingest.Store) {
			a, dsn := pgtest.Open(t)
			b, err := postgis.Open(context.Background(), dsn, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { b.Close() })
			return a, b
		}},
	} {
		t.Run(c.name, func(t *testing.T) { testFollower(t, c.open) })
	}
}

func openSQLite(t *testing.T, path string) *sqlite.Store {
	s, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func testFollower(t *testing.T, open twoProcesses) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	storeA, storeB := open(t)
	pa, pb := gazetteer.NewParser(index(t)), gazetteer.NewParser(index(t))
	fa, err := ingest.Start(ctx, log, storeA, pa)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := ingest.Start(ctx, log, storeB, pb)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := geo.IngestBatch(ctx, storeA, pa, paperArticles()); err != nil {
		t.Fatal(err)
	}
	if got := whereNext(t, pb); got == "US.TX" {
		t.Fatalf("B puts Mansfield in %s before it has learnt anything; the test cannot tell", got)
	}
	if n, err := fb.CatchUp(ctx); err != nil || n != 2 {
		t.Fatalf("B learnt %d articles (%v), want A's 2", n, err)
	}
	if a, b := whereNext(t, pa), whereNext(t, pb); a != "US.TX" || b != a {
		t.Errorf("A puts Mansfield in %s and B in %s, want both US.TX", a, b)
	}
	if n, err := fa.CatchUp(ctx); err != nil || n != 0 {
		t.Errorf("A learnt %d of its own articles again (%v)", n, err)
	}
}

// TestCorrectionsTeachEveryProcess: a correction made through one process
// teaches both processes' geoparsers, once they have caught up, to read
// the source's next article as corrected; an undo unteaches it; and the
// corrected article is not learnt twice.
func TestCorrectionsTeachEveryProcess(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	path := filepath.Join(t.TempDir(), "m.db")
	storeA, storeB := openSQLite(t, path), openSQLite(t, path)
	pa, pb := gazetteer.NewParser(index(t)), gazetteer.NewParser(index(t))
	fa, err := ingest.Start(ctx, log, storeA, pa)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := ingest.Start(ctx, log, storeB, pb)
	if err != nil {
		t.Fatal(err)
	}
	const text = "Clashes broke out in Tripoli on Monday."
	arts := []*geo.Article{{URL: "https://beirut.example/1", Text: text}}
	if _, err := geo.IngestBatch(ctx, storeA, pa, arts); err != nil {
		t.Fatal(err)
	}
	where := func(p *gazetteer.Parser) string {
		for _, m := range p.ParseFrom("beirut.example", text) {
			if m.Text == "Tripoli" {
				return m.Place.Key
			}
		}
		return ""
	}
	for _, f := range []*ingest.Follower{fa, fb} { // B learns A's article
		if _, err := f.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
	}
	stored, err := storeA.Article(ctx, arts[0].ID, 10, 0)
	if err != nil || len(stored.Mentions) == 0 {
		t.Fatal(stored, err)
	}
	lebanon, _ := pa.PlaceByKey("266826")
	c := geo.Correction{MentionID: stored.Mentions[0].ID, Action: geo.CorrectMove}
	if err := storeA.Correct(ctx, &c, &lebanon); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		name string
		want string
	}{{"after the correction", "266826"}, {"after the undo", "2210247"}} {
		for _, f := range []*ingest.Follower{fa, fb} {
			if n, err := f.CatchUp(ctx); err != nil || n != 0 {
				t.Fatalf("%s: learnt %d articles (%v), want none: the article was stored before", step.name, n, err)
			}
		}
		if a, b := where(pa), where(pb); a != step.want || b != step.want {
			t.Errorf("%s: A reads Tripoli as %s and B as %s, want %s", step.name, a, b, step.want)
		}
		if _, err := storeB.Undo(ctx, c.ID, "", ""); err != nil && step.want == "266826" {
			t.Fatal(err)
		}
	}
}
