package sqlite

import (
	"context"
	"testing"

	"mentionmap/geo"
)

// TestPlaceArticlesMigration: a database of schema 19 indexed mentions by
// place; migration 20 lists each article's places once instead, and a
// query by place finds the mentions stored before it.
func TestPlaceArticlesMigration(t *testing.T) {
	db, path := oldDatabase(t, 19)
	for _, q := range []string{
		`INSERT INTO articles (url, title, ingested, time, text, hash) VALUES ('https://a.test/1', 'a', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'Tripoli and Sirte, and Tripoli.', 'h1')`,
		`INSERT INTO places (key, name, kind, country, admin1, lon, lat) VALUES ('2210247', 'Tripoli', 'city', 'LY', '77', 13.2, 32.9)`,
		`INSERT INTO places (key, name, kind, country, admin1, lon, lat) VALUES ('2210554', 'Sirte', 'city', 'LY', '62', 16.6, 31.2)`,
		`INSERT INTO mentions (article_id, place_id, start, end, text, sentence_start, sentence_end, confidence, time) VALUES
			(1, 1, 0, 7, 'Tripoli', 0, 31, 0.9, 1767225600), (1, 2, 12, 17, 'Sirte', 0, 31, 0.9, 1767225600),
			(1, 1, 23, 30, 'Tripoli', 0, 31, 0.9, 1767225600)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s := upgrade(t, db, path)
	ctx := context.Background()
	var pairs int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM place_articles`).Scan(&pairs); err != nil || pairs != 2 {
		t.Errorf("place_articles holds %d rows (%v), want 2: Tripoli and Sirte in article 1", pairs, err)
	}
	for _, tc := range []struct {
		f    geo.Filter
		want int
	}{
		{geo.Filter{PlaceID: 1, Limit: 10}, 2},
		{geo.Filter{PlaceID: 2, Limit: 10}, 1},
		{geo.Filter{Country: "LY", Limit: 10}, 3},
	} {
		var got int
		if err := s.mentions(ctx, tc.f, false, func(*geo.MentionRow) error { got++; return nil }); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%+v: %d mentions, want %d", tc.f, got, tc.want)
		}
	}
}
