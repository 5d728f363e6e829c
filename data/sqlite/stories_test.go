package sqlite

import (
	"context"
	"testing"

	"mentionmap/data/storetest"
	"mentionmap/geo"
)

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
