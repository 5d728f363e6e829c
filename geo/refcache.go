package geo

import "sync"

// RefCache holds articles' short forms by id, for the place features that
// list each place's newest articles: reading them back costs a seek each,
// 3,000 for a page of 1,000 places, most of that query. An article's
// title, URL, source and time never change once stored, so a store keeps
// them for as long as it runs.
type RefCache struct {
	mu sync.Mutex
	m  map[int64]ArticleRef
}

// RefCacheSize bounds a RefCache: about 200 bytes an entry. A full cache
// starts over, which is cheaper than tracking what was used last.
const RefCacheSize = 100_000

// Get returns the cached short form of article id.
func (c *RefCache) Get(id int64) (ArticleRef, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[id]
	return r, ok
}

// Put caches r.
func (c *RefCache) Put(r ArticleRef) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= RefCacheSize {
		c.m = make(map[int64]ArticleRef)
	}
	c.m[r.ID] = r
}
