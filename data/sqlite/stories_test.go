package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"mentionmap/data/migrate"
	"mentionmap/data/storetest"
	"mentionmap/geo"
)

const wire = "Dock workers in Rotterdam walked out on Thursday, leaving container ships waiting in the North Sea. " +
	"Shipping firms diverted cargo to Antwerp in Belgium and Hamburg in Germany. Dutch unions want higher pay after a year of inflation."

func TestStoriesAcrossStores(t *testing.T) {
	a, path := openTest(t)
	storetest.StoriesAcrossStores(t, a, func() geo.ArticleStore {
		s, err := Open(context.Background(), path, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestStoriesSurviveMigration: a database of schema 18 kept signatures on
// the articles; migration 19 moves them, so that a reprint stored after
// the upgrade joins a story begun before it, and the reasons stored
// before read as they were.
func TestStoriesSurviveMigration(t *testing.T) {
	db, path := oldDatabase(t, 18)
	sig, _ := geo.Sign(wire)
	why := `{"candidates":[{"key":"2210247","score":0.9},{"key":"LB.05","name":"Tripoli","kind":"admin1","country":"LB","score":0.1}],"reasons":["Libya named once"]}`
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO articles (url, title, ingested, time, text, hash, minhash) VALUES ('https://wire.test/1', 'wire', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?, 'h1', ?)`,
			[]any{wire, sig.Bytes()}},
		{`INSERT INTO places (key, name, kind, country, admin1, lon, lat) VALUES ('2210247', 'Tripoli', 'city', 'LY', '77', 13.2, 32.9)`, nil},
		{`INSERT INTO mentions (article_id, place_id, start, end, text, sentence_start, sentence_end, confidence, time, why)
			VALUES (1, 1, 0, 7, 'Tripoli', 0, 7, 0.9, 1767225600, ?)`, []any{why}},
	} {
		if _, err := db.Exec(q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	s := upgrade(t, db, path)
	old, err := s.Article(context.Background(), 1, geo.MaxMentions, 0)
	if err != nil || len(old.Mentions) != 1 || old.Mentions[0].Why == nil {
		t.Fatalf("the old article: %+v, %v", old, err)
	}
	if w := old.Mentions[0].Why; len(w.Candidates) != 2 || w.Candidates[0].Name != "Tripoli" || w.Candidates[1].Country != "LB" || w.Reasons[0] != "Libya named once" {
		t.Errorf("the reasons stored before read as %+v", w)
	}
	copied := article("https://copy.test/1", "TRIPOLI (Wire) — "+wire, day(2), tripoli)
	if _, err := s.IngestBatch(context.Background(), []*geo.Article{copied}); err != nil {
		t.Fatal(err)
	}
	if copied.Story != 1 {
		t.Errorf("a reprint of an article stored before the upgrade: story %d, want 1", copied.Story)
	}
}

// oldDatabase creates a database at schema version n, for a test of the
// migrations after it.
func oldDatabase(t *testing.T, n int) (*sql.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ms, err := migrate.After(migrations, "migrations", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:n] {
		if _, err := db.Exec(m.SQL); err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", n)); err != nil {
		t.Fatal(err)
	}
	return db, path
}

// upgrade closes db and opens its file as a store, which migrates it.
func upgrade(t *testing.T, db *sql.DB, path string) *Store {
	t.Helper()
	db.Close()
	s, err := Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
