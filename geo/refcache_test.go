package geo

import "testing"

// TestRefCache: a cached form is served, and a full cache starts over
// without growing past its bound.
func TestRefCache(t *testing.T) {
	var c RefCache
	for id := int64(1); id <= 3; id++ {
		c.Put(ArticleRef{ID: id, Title: "t"})
	}
	tests := []struct {
		name string
		fill int // more articles put first, from id 100
		id   int64
		want bool
	}{
		{"cached", 0, 2, true},
		{"never put", 0, 9, false},
		{"put last, in a cache that started over", RefCacheSize, RefCacheSize + 99, true},
		{"dropped when the cache started over", 0, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for id := int64(100); id < int64(100+tt.fill); id++ {
				c.Put(ArticleRef{ID: id})
			}
			if r, ok := c.Get(tt.id); ok != tt.want || ok && r.ID != tt.id {
				t.Errorf("Get(%d) = %+v, %v; want found %v", tt.id, r, ok, tt.want)
			}
			if len(c.m) > RefCacheSize {
				t.Errorf("%d cached, over %d", len(c.m), RefCacheSize)
			}
		})
	}
}
