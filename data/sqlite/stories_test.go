package sqlite

import (
	"context"
	"testing"

	"mentionmap/geo"
)

const (
	wire = "Dock workers in Rotterdam walked out on Thursday, leaving container ships waiting in the North Sea. " +
		"Shipping firms diverted cargo to Antwerp in Belgium and Hamburg in Germany. Dutch unions want higher pay after a year of inflation."
	unrelated = "Farmers in Niger and Mali say the rains failed for a third year. Aid groups in Niamey warned that food prices " +
		"in the Sahel have doubled, and herders are moving south toward Burkina Faso and northern Nigeria."
)

// TestStoriesAcrossProcesses: each store keeps its own window of the
// newest articles; a reprint stored through one store joins a story that
// another store began, whether its window was read before or after.
func TestStoriesAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	a, path := openTest(t)
	b, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ingest := func(s *Store, url, text string) *geo.Article {
		t.Helper()
		art := article(url, text, day(1), tripoli)
		if _, err := s.IngestBatch(ctx, []*geo.Article{art}); err != nil {
			t.Fatal(err)
		}
		return art
	}
	ingest(b, "https://sahel.test/1", unrelated) // b reads its window now
	first := ingest(a, "https://wire.test/1", wire)
	for _, c := range []struct {
		name  string
		store func() *Store
	}{
		{"a store whose window predates the story", func() *Store { return b }},
		{"the store that began it", func() *Store { return a }},
		{"a store opened after", func() *Store {
			c, err := Open(ctx, path, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { c.Close() })
			return c
		}},
	} {
		got := ingest(c.store(), "https://copy.test/"+c.name, "ROTTERDAM (Wire) — "+wire+" "+c.name+".")
		if got.Story != first.ID {
			t.Errorf("%s: story %d, want %d", c.name, got.Story, first.ID)
		}
	}
}
