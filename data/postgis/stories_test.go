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
