package ingest_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"testing"

	"mentionmap/data/sqlite"
	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/ingest"
)

var (
	indexOnce sync.Once
	shared    *gazetteer.Gazetteer
)

// index loads the gazetteer once for the package's tests: it is immutable,
// and each test makes its own Parser over it.
func index(t *testing.T) *gazetteer.Gazetteer {
	indexOnce.Do(func() {
		var err error
		if shared, err = gazetteer.Default(); err != nil {
			panic(err)
		}
	})
	return shared
}

// corpus makes n articles that each name a few places.
func corpus(n int) []*geo.Article {
	towns := []string{"Sirte", "Tripoli", "Benghazi", "Lagos", "Accra", "Dakar", "Nairobi", "Athens", "Madrid", "Oslo"}
	arts := make([]*geo.Article, n)
	for i := range arts {
		arts[i] = &geo.Article{URL: fmt.Sprintf("https://t.test/%d", i), Title: fmt.Sprintf("Report %d", i),
			Text: fmt.Sprintf("Report %d: talks in %s and %s, and aid for %s.", i, towns[i%10], towns[(i+3)%10], towns[(i+7)%10])}
	}
	return arts
}

// failingStore fails the batch that starts with the article whose URL is
// failURL, whichever writer stores it, and stores the others in the real
// store.
type failingStore struct {
	*sqlite.Store
	failURL string
}

func (s *failingStore) IngestBatch(ctx context.Context, arts []*geo.Article) ([]bool, error) {
	if arts[0].URL == s.failURL {
		return nil, geo.Errorf(geo.EINTERNAL, "disk full")
	}
	return s.Store.IngestBatch(ctx, arts)
}

// TestBatcher ingests a little over two batches through the pipeline, and
// checks what is stored and reported, with and without a failing batch.
func TestBatcher(t *testing.T) {
	idx := index(t)
	g := gazetteer.NewParser(idx)
	const size = 40
	n := 2*size + 7
	for _, tc := range []struct {
		name            string
		writers         int
		failAt          int // the batch that fails, from 1; 0 for none
		wantErr         bool
		wantStored      int
		wantAllMentions bool
	}{
		{"all stored", 1, 0, false, n, true},
		{"second batch fails", 1, 2, true, size, false},
		{"last batch fails", 1, 3, true, 2 * size, false},
		{"all stored, two writers", 2, 0, false, n, true},
		// The third batch starts as soon as the first is stored, so only
		// the failed one is missing, and the report says so.
		{"second batch fails, two writers", 2, 2, true, size + 7, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			real, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "m.db"), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer real.Close()
			store := &failingStore{Store: real}
			if tc.failAt > 0 {
				store.failURL = corpus(n)[(tc.failAt-1)*size].URL
			}
			p := ingest.NewReport(io.Discard)
			b := ingest.NewBatcher(ctx, store, g, p, size)
			b.Writers = tc.writers
			arts := corpus(n)
			for _, a := range arts {
				if err = b.Add(a); err != nil {
					break
				}
			}
			if ferr := b.Finish(); err == nil {
				err = ferr
			}
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			stored, err := real.Articles(ctx, n+1, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(stored) != tc.wantStored || p.Created != tc.wantStored {
				t.Errorf("stored %d articles and reported %d, want %d", len(stored), p.Created, tc.wantStored)
			}
			mentions, err := real.CountMentions(ctx, geo.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if mentions != p.Mentions || mentions == 0 {
				t.Errorf("stored %d mentions, reported %d", mentions, p.Mentions)
			}
			if tc.wantAllMentions {
				want := 0
				for _, a := range arts {
					want += len(g.Parse(a.Text))
				}
				if mentions != want {
					t.Errorf("stored %d mentions, the geoparser finds %d", mentions, want)
				}
			}
		})
	}
}
