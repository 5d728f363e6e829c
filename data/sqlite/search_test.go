package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"mentionmap/geo"
)

// searchCount counts the mentions of articles whose text matches q.
func searchCount(t *testing.T, s *Store, q string) int {
	t.Helper()
	n, err := s.CountMentions(context.Background(), geo.Filter{Query: textQuery(q)})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return n
}

func reopen(t *testing.T, s *Store, path string) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSearchFindsWhatWasJustStored searches right after each ingest: the
// query waits for the indexer instead of missing the newest articles.
func TestSearchFindsWhatWasJustStored(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	for i, word := range []string{"harbour", "airport", "bridge", "stadium", "market"} {
		a := article("", "Fighting near the "+word+" of Tripoli", day(i+1), tripoli, libya)
		if _, err := s.Ingest(ctx, a); err != nil {
			t.Fatal(err)
		}
		if n := searchCount(t, s, word); n != 2 {
			t.Errorf("after ingest %d: %q matches %d mentions, want 2", i, word, n)
		}
		if n := searchCount(t, s, "Tripoli"); n != 2*(i+1) {
			t.Errorf("after ingest %d: Tripoli matches %d mentions, want %d", i, n, 2*(i+1))
		}
	}
}

// TestSearchIndexIsRebuilt loses the index in the ways a user can: it is
// deleted, it lags behind the database (a crash between the two commits),
// or it belongs to another database. Each time search finds exactly what
// the database holds.
func TestSearchIndexIsRebuilt(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		harm func(t *testing.T, path, old, other string)
	}{
		{"deleted", func(t *testing.T, path, old, other string) { os.Remove(searchFile(path)) }},
		{"behind", func(t *testing.T, path, old, other string) { copyFile(t, old, searchFile(path)) }},
		{"another database's", func(t *testing.T, path, old, other string) { copyFile(t, searchFile(other), searchFile(path)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			otherPath := filepath.Join(t.TempDir(), "other.db")
			other, err := Open(ctx, otherPath, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, text := range []string{"A bridge fell", "Ships left the harbour", "Planes at the airport"} {
				if _, err := other.Ingest(ctx, article("", text, day(1), fiji)); err != nil {
					t.Fatal(err)
				}
			}
			other.Close()

			s, path := openTest(t)
			if _, err := s.Ingest(ctx, article("", "Talks at the harbour", day(1), tripoli)); err != nil {
				t.Fatal(err)
			}
			s = reopen(t, s, path)
			old := filepath.Join(t.TempDir(), "old-search")
			copyFile(t, searchFile(path), old)
			if _, err := s.Ingest(ctx, article("", "Shelling near the airport", day(2), tripoli, libya)); err != nil {
				t.Fatal(err)
			}
			s.Close()
			os.Remove(searchFile(path) + "-wal")
			os.Remove(searchFile(path) + "-shm")
			tt.harm(t, path, old, otherPath)
			s = reopen(t, s, path)
			for q, want := range map[string]int{"harbour": 1, "airport": 2, "bridge": 0, "harbour OR airport": 3} {
				if n := searchCount(t, s, q); n != want {
					t.Errorf("%q matches %d mentions, want %d", q, n, want)
				}
			}
		})
	}
}

// TestSearchWithTwoStores writes one database through two stores, as two
// processes would (a server and `mentionmap ingest`): each finds every
// article, and none is indexed twice.
func TestSearchWithTwoStores(t *testing.T) {
	ctx := context.Background()
	a, path := openTest(t)
	b, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for i := 0; i < 20; i++ {
		s := []*Store{a, b}[i%2]
		if _, err := s.Ingest(ctx, article("", "Convoy reached the border, report "+string(rune('a'+i)), day(1), tripoli)); err != nil {
			t.Fatal(err)
		}
	}
	for i, s := range []*Store{a, b} {
		if n := searchCount(t, s, "convoy"); n != 20 {
			t.Errorf("store %d: convoy matches %d mentions, want 20", i, n)
		}
	}
	var rows int
	if err := a.r.QueryRowContext(ctx, `SELECT count(*) FROM search.articles_fts WHERE articles_fts MATCH 'convoy'`).Scan(&rows); err != nil || rows != 20 {
		t.Errorf("the index holds %d entries for convoy (%v), want 20", rows, err)
	}
}
