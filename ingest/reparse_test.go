package ingest_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/ingest"
)

// TestReparse stores articles as an older geoparser read them, then
// parses them again: what changed is revised and reported, what an
// analyst confirmed holds, and a second run changes nothing.
func TestReparse(t *testing.T) {
	ctx := context.Background()
	store := openSQLite(t, filepath.Join(t.TempDir(), "m.db"))
	old := gazetteer.NewParser(index(t)) // "before the upgrade": it read Tripoli as Lebanon's
	old.LearnCorrections([]geo.CorrectionLesson{{Source: "x.example", Text: "Tripoli", PlaceKey: "266826"}})
	arts := []*geo.Article{
		{URL: "https://x.example/1", Text: "Clashes broke out in Tripoli on Monday."},
		{URL: "https://x.example/2", Text: "Aid reached Benghazi and Derna on Tuesday."},
		{URL: "https://x.example/3", Text: "Talks in Tripoli and Misrata ended on Friday."},
	}
	if _, err := geo.IngestBatch(ctx, store, old, arts); err != nil {
		t.Fatal(err)
	}
	third, err := store.Article(ctx, arts[2].ID, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	confirmed := geo.Correction{MentionID: third.Mentions[0].ID, Action: geo.CorrectConfirm} // Tripoli, Lebanon's: an analyst said so
	if err := store.Correct(ctx, &confirmed, nil); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	got, err := ingest.Reparse(ctx, store, gazetteer.NewParser(index(t)), 0, &out)
	if err != nil {
		t.Fatal(err)
	}
	// Misrata becomes the third article's focus once Tripoli is Libya's.
	want := geo.RevisionCounts{Articles: 3, Unchanged: 2, Moved: 1, Held: 1, Refocused: 1}
	if got != want {
		t.Errorf("reparse %+v, want %+v\n%s", got, want, out.String())
	}
	first, _ := store.Article(ctx, arts[0].ID, 10, 0)
	if first.Mentions[0].Place.Key != "2210247" {
		t.Errorf("Tripoli is still %s", first.Mentions[0].Place.Key)
	}
	if third, _ = store.Article(ctx, arts[2].ID, 10, 0); third.Mentions[0].Place.Key != "266826" {
		t.Errorf("the confirmed mention moved to %s", third.Mentions[0].Place.Key)
	}
	if !strings.Contains(out.String(), "resume with --from 3") || !strings.Contains(out.String(), "1 moved") {
		t.Errorf("progress: %s", out.String())
	}
	again, err := ingest.Reparse(ctx, store, gazetteer.NewParser(index(t)), 0, &out)
	if err != nil || again.Moved+again.Added+again.Removed+again.Refocused != 0 || again.Held != 1 {
		t.Errorf("a second reparse: %+v (%v)", again, err)
	}
	if resumed, err := ingest.Reparse(ctx, store, gazetteer.NewParser(index(t)), 2, &out); err != nil || resumed.Articles != 1 {
		t.Errorf("a reparse from id 2 read %d articles (%v)", resumed.Articles, err)
	}
}
