package postgis

import (
	"slices"
	"testing"

	"mentionmap/geo"
)

// TestRefCache: cached forms are served, missing ids are read, and a full
// cache starts over without growing past its bound.
func TestRefCache(t *testing.T) {
	refs := func(from, n int) []geo.ArticleRef {
		var out []geo.ArticleRef
		for id := from; id < from+n; id++ {
			out = append(out, geo.ArticleRef{ID: int64(id), Title: "t"})
		}
		return out
	}
	var c refCache
	c.put(refs(1, 3))
	tests := []struct {
		name    string
		put     []geo.ArticleRef
		ids     []int64
		missing []int64
	}{
		{"cached and not", nil, []int64{1, 2, 9}, []int64{9}},
		{"added later", refs(9, 1), []int64{9, 3}, nil},
		{"a full cache starts over", refs(100, refCacheSize), []int64{1, 100, refCacheSize + 99}, []int64{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.put(tt.put)
			out := map[int64]geo.ArticleRef{}
			missing := c.get(tt.ids, out)
			if !slices.Equal(missing, tt.missing) {
				t.Errorf("missing %v, want %v", missing, tt.missing)
			}
			if len(out)+len(missing) != len(tt.ids) || len(c.m) > refCacheSize {
				t.Errorf("%d found, %d missing of %d; %d cached", len(out), len(missing), len(tt.ids), len(c.m))
			}
		})
	}
}
