package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"mentionmap/data/sqlite"
	"mentionmap/gazetteer"
	"mentionmap/geo"
)

// failingStore fails the batch numbered failAt (from 1) and stores the
// others in the real store.
type failingStore struct {
	*sqlite.Store
	batches, failAt int
}

func (s *failingStore) IngestBatch(ctx context.Context, arts []*geo.Article) ([]bool, error) {
	if s.batches++; s.batches == s.failAt {
		return nil, geo.Errorf(geo.EINTERNAL, "disk full")
	}
	return s.Store.IngestBatch(ctx, arts)
}

// TestBatcher ingests a little over two batches through the pipeline, and
// checks what is stored and reported, with and without a failing batch.
func TestBatcher(t *testing.T) {
	idx, err := loadGazetteer(slog.New(slog.NewTextHandler(io.Discard, nil)), "")
	if err != nil {
		t.Fatal(err)
	}
	g := gazetteer.NewParser(idx)
	const size = 40
	n := 2*size + 7
	for _, tc := range []struct {
		name            string
		failAt          int
		wantErr         bool
		wantStored      int
		wantAllMentions bool
	}{
		{"all stored", 0, false, n, true},
		{"second batch fails", 2, true, size, false},
		{"last batch fails", 3, true, 2 * size, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			real, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "m.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer real.Close()
			store := &failingStore{Store: real, failAt: tc.failAt}
			p := newProgress(io.Discard)
			b := &batcher{ctx: ctx, store: store, parser: g, progress: p, size: size}
			arts := benchCorpus(idx, n, 3, "t")
			for _, a := range arts {
				if err = b.add(a); err != nil {
					break
				}
			}
			if ferr := b.finish(); err == nil {
				err = ferr
			}
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			stored, err := real.Articles(ctx, n+1, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(stored) != tc.wantStored || p.created != tc.wantStored {
				t.Errorf("stored %d articles and reported %d, want %d", len(stored), p.created, tc.wantStored)
			}
			mentions, err := real.CountMentions(ctx, geo.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if mentions != p.ment || mentions == 0 {
				t.Errorf("stored %d mentions, reported %d", mentions, p.ment)
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
