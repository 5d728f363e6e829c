package postgis_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"mentionmap/data/postgis"
	"mentionmap/data/postgis/pgtest"
	"mentionmap/geo"
)

// TestSearchCatchesUp: the search index is filled after commits, yet a
// search always finds what was committed before it, whichever process
// wrote it, even one that died before it indexed anything (as the test
// makes it look, by taking its batch out of the index): at once, though
// the reader's cached version is older.
func TestSearchCatchesUp(t *testing.T) {
	ctx := context.Background()
	reader, dsn := pgtest.Open(t)
	paris := geo.Place{Key: "2988507", Name: "Paris", Kind: geo.KindCity, Country: "FR", Point: orb.Point{2.35, 48.85}}
	for round := range 3 {
		writer, err := postgis.Open(ctx, dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		var arts []*geo.Article
		for i := range 50 {
			arts = append(arts, &geo.Article{URL: fmt.Sprintf("https://s.test/%d/%d", round, i),
				Text:     fmt.Sprintf("Talks in Paris on zebra%d and topic%d", round, i),
				Mentions: []geo.Mention{{Start: 9, End: 14, Text: "Paris", Confidence: 0.9, Place: paris}}})
		}
		before, err := writer.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := writer.IngestBatch(ctx, arts); err != nil {
			t.Fatal(err)
		}
		writer.Close()
		unindex(t, dsn, before)
		for _, c := range []struct {
			q    string
			want int
		}{{fmt.Sprintf("zebra%d", round), 50}, {"topic7", round + 1}, {"paris", 50 * (round + 1)}} {
			tq, _ := geo.ParseQuery(c.q)
			// At once: a search reads the version from the database.
			n, err := reader.CountMentions(ctx, geo.Filter{Query: tq})
			if err != nil || n != c.want {
				t.Errorf("round %d, q=%s: %d (%v), want %d", round, c.q, n, err, c.want)
			}
		}
	}
}

// unindex takes the articles written after version out of the search
// index, as if their writer had died before indexing them.
func unindex(t *testing.T, dsn string, version int64) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, `DELETE FROM article_search WHERE article_id IN
		(SELECT unnest(articles) FROM changes WHERE version > $1)`, version)
	if err == nil {
		_, err = c.Exec(ctx, `UPDATE search_progress SET version = $1`, version)
	}
	if err != nil {
		t.Fatal(err)
	}
}
