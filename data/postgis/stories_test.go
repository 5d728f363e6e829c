package postgis_test

import (
	"context"
	"testing"

	"mentionmap/data/postgis"
	"mentionmap/data/postgis/pgtest"
	"mentionmap/data/storetest"
	"mentionmap/geo"
)

func TestStoriesAcrossStores(t *testing.T) {
	a, dsn := pgtest.Open(t)
	storetest.StoriesAcrossStores(t, a, func() geo.ArticleStore {
		s, err := postgis.Open(context.Background(), dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestStoriesSurviveMigration: a database of schema 12 kept signatures on
// the articles; migration 13 moves them, so that a reprint stored after
// the upgrade joins a story begun before it.
func TestStoriesSurviveMigration(t *testing.T) {
	conn, dsn := oldDatabase(t, 12)
	ctx := context.Background()
	const text = "Dock workers in Rotterdam walked out on Thursday, leaving container ships waiting in the North Sea. " +
		"Shipping firms diverted cargo to Antwerp in Belgium and Hamburg in Germany. Dutch unions want higher pay after a year of inflation."
	sig, _ := geo.Sign(text)
	var id int64
	if err := conn.QueryRow(ctx, `INSERT INTO articles (url, ingested, time, text, hash, minhash)
		VALUES ('https://wire.test/1', now(), now(), $1, 'h1', $2) RETURNING id`, text, sig.Bytes()).Scan(&id); err != nil {
		t.Fatal(err)
	}
	s, err := postgis.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	copied := &geo.Article{URL: "https://copy.test/1", Text: "ROTTERDAM (Wire) — " + text}
	if _, err := s.IngestBatch(ctx, []*geo.Article{copied}); err != nil {
		t.Fatal(err)
	}
	if copied.Story != id {
		t.Errorf("a reprint of an article stored before the upgrade: story %d, want %d", copied.Story, id)
	}
}
