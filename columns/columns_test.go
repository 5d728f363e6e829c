package columns_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mentionmap/columns"
	"mentionmap/data/postgis"
	"mentionmap/data/postgis/pgtest"
	"mentionmap/data/sqlite"
	"mentionmap/data/storetest"
	"mentionmap/geo"
)

// logged is a store with a change log, as both engines are.
type logged interface {
	geo.ArticleStore
	geo.ChangeLog
}

func loaded(t *testing.T, s geo.ArticleStore) geo.PlaceCounter {
	t.Helper()
	c := columns.New(s.(logged))
	if err := c.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCountsOnSQLite(t *testing.T) {
	storetest.RunCounter(t, func(t *testing.T) geo.ArticleStore {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "m.db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}, loaded)
}

func TestCountsOnPostGIS(t *testing.T) {
	storetest.RunCounter(t, func(t *testing.T) geo.ArticleStore {
		s, _ := pgtest.Open(t)
		return s
	}, loaded)
}

// TestFollowsAnotherProcess: a copy over one connection to the database
// sees what a store opened apart, as another serve process is, writes.
func TestFollowsAnotherProcess(t *testing.T) {
	ctx := context.Background()
	mine, dsn := pgtest.Open(t)
	other, err := postgis.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	c := columns.New(mine)
	if err := c.Load(ctx); err != nil {
		t.Fatal(err)
	}
	sirte := geo.Place{Key: "2210554", Name: "Sirte", Kind: geo.KindCity, Country: "LY", Point: orb.Point{16.59, 31.21}}
	for i := range 3 {
		a := &geo.Article{URL: fmt.Sprintf("https://o.test/%d", i), Text: fmt.Sprintf("Sirte, day %d", i),
			Mentions: []geo.Mention{{Start: 0, End: 5, Text: "Sirte", Confidence: 0.9, Place: sirte}}}
		if _, err := other.IngestBatch(ctx, []*geo.Article{a}); err != nil {
			t.Fatal(err)
		}
		// The store reads the version again every 200 ms; the deadline
		// leaves room for a loaded CI machine.
		n := 0
		for deadline := time.Now().Add(3 * time.Second); n != i+1 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			err := c.PlacePoints(ctx, geo.Filter{Country: "LY"}, func(p *geo.ClusterPoint) error {
				n = p.Mentions
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if n != i+1 {
			t.Fatalf("3 s after the other process's write %d: %d mentions of Sirte, want %d", i+1, n, i+1)
		}
	}
	if c.Rows() != 3 {
		t.Errorf("the copy holds %d mentions, want 3", c.Rows())
	}
}
