package postgis_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

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
