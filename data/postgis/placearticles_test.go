package postgis_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"mentionmap/data/postgis"
	"mentionmap/data/postgis/pgtest"
	"mentionmap/geo"
)

// oldDatabase creates a store's tables as the first n migrations left
// them, in a schema of its own, and returns a connection to it and its
// DSN.
func oldDatabase(t *testing.T, n int) (*pgx.Conn, string) {
	t.Helper()
	dsn := pgtest.Schema(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	files, _ := filepath.Glob("migrations/*.sql")
	if _, err := conn.Exec(ctx, `CREATE TABLE schema_version (version integer NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for i, f := range files[:n] {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Exec(ctx, string(body)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if _, err := conn.Exec(ctx, `INSERT INTO schema_version VALUES ($1)`, i+1); err != nil {
			t.Fatal(err)
		}
	}
	return conn, dsn
}

// TestPlaceArticlesMigration: a database of schema 13 indexed mentions by
// place and by time; migration 14 lists each article's places once
// instead, and queries by place and by time find the mentions stored
// before it.
func TestPlaceArticlesMigration(t *testing.T) {
	conn, dsn := oldDatabase(t, 13)
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO articles (id, url, ingested, time, text, hash) VALUES
			(1, 'https://a.test/1', '2026-01-01Z', '2026-01-01Z', 'Tripoli and Sirte, and Tripoli.', 'h1'),
			(2, 'https://a.test/2', '2026-02-01Z', '2026-02-01Z', 'Sirte again.', 'h2')`,
		`INSERT INTO places (id, key, name, kind, country, admin1, geom) VALUES
			(1, '2210247', 'Tripoli', 'city', 'LY', '77', ST_Point(13.2, 32.9, 4326)),
			(2, '2210554', 'Sirte', 'city', 'LY', '62', ST_Point(16.6, 31.2, 4326))`,
		`INSERT INTO mentions (article_id, place_id, start, "end", text, sentence, confidence, demonym, time) VALUES
			(1, 1, 0, 7, 'Tripoli', '', 0.9, false, '2026-01-01Z'), (1, 2, 12, 17, 'Sirte', '', 0.9, false, '2026-01-01Z'),
			(1, 1, 23, 30, 'Tripoli', '', 0.9, false, '2026-01-01Z'), (2, 2, 0, 5, 'Sirte', '', 0.9, false, '2026-02-01Z')`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s, err := postgis.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var pairs int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM place_articles`).Scan(&pairs); err != nil || pairs != 3 {
		t.Errorf("place_articles holds %d rows (%v), want 3: Tripoli and Sirte in article 1, Sirte in 2", pairs, err)
	}
	feb := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		f    geo.Filter
		want []int64 // the mentions' articles, newest first
	}{
		{geo.Filter{PlaceID: 1}, []int64{1, 1}},
		{geo.Filter{PlaceID: 2}, []int64{2, 1}},
		{geo.Filter{Country: "LY"}, []int64{2, 1, 1, 1}},
		{geo.Filter{Country: "LY", From: &feb}, []int64{2}},
		{geo.Filter{To: &feb}, []int64{1, 1, 1}},
	} {
		var got []int64
		err := s.Mentions(ctx, tc.f, func(r *geo.MentionRow) error { got = append(got, r.Article.ID); return nil })
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%+v: articles %v, want %v", tc.f, got, tc.want)
		}
	}
}

// TestMentionPlansAgree: the walk of the articles newest first and the
// sort of the pairs list the same mentions in the same order, page by
// page, ties of time broken by article and mention id.
func TestMentionPlansAgree(t *testing.T) {
	s, _ := pgtest.Open(t)
	ctx := context.Background()
	tripoli := geo.Place{Key: "2210247", Name: "Tripoli", Kind: geo.KindCity, Country: "LY", Point: orb.Point{13.19, 32.89}}
	sirte := geo.Place{Key: "2210554", Name: "Sirte", Kind: geo.KindCity, Country: "LY", Point: orb.Point{16.59, 31.21}}
	libya := geo.Place{Key: "LY", Name: "Libya", Kind: geo.KindCountry, Country: "LY", Point: orb.Point{17, 25}}
	paris := geo.Place{Key: "2988507", Name: "Paris", Kind: geo.KindCity, Country: "FR", Point: orb.Point{2.35, 48.85}}
	var arts []*geo.Article
	for i := range 16 {
		when := time.Date(2026, 1, 4+i%3, 12, 0, 0, 0, time.UTC) // equal times, so ids break ties
		a := &geo.Article{URL: fmt.Sprintf("https://a.test/%d", i), Source: []string{"wire", "local"}[i%2],
			Text: fmt.Sprintf("Report %d from Tripoli, Sirte, Libya and Paris.", i), Published: &when}
		for j, p := range []geo.Place{tripoli, sirte, libya, tripoli, paris}[:2+i%4] {
			a.Mentions = append(a.Mentions, geo.Mention{Start: j, End: j + 1, Text: p.Name, Confidence: 0.2 * float64(1+j%4), Place: p})
		}
		arts = append(arts, a)
	}
	if _, err := s.IngestBatch(ctx, arts); err != nil {
		t.Fatal(err)
	}
	box := &orb.Bound{Min: orb.Point{10, 20}, Max: orb.Point{20, 35}}
	from, to := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC)
	for _, f := range []geo.Filter{
		{BBox: box, Limit: 5},
		{BBox: box, Limit: 4, Offset: 3},
		{BBox: box, Limit: 100, From: &from},
		{Limit: 3, Offset: 2, Country: "LY"},
		{Limit: 100, Country: "LY", From: &from, To: &to},
		{BBox: box, Limit: 4, Offset: 1, Source: "wire", MinConfidence: 0.3},
		{BBox: box, Limit: 100, Kind: geo.KindCity},
	} {
		var got [2][]int64
		for i, byTime := range []bool{false, true} {
			if err := s.MentionsBy(ctx, f, byTime, func(r *geo.MentionRow) error {
				got[i] = append(got[i], r.Mention.ID)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		if len(got[0]) == 0 || !slices.Equal(got[0], got[1]) {
			t.Errorf("%+v: by the pairs %v, newest first %v", f, got[0], got[1])
		}
	}
}
