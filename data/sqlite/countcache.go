package sqlite

import (
	"sync"

	"mentionmap/geo"
)

// countCacheSize bounds the filters a countCache remembers; past it, the
// cache starts over. Keys are hashes, so the cache holds about 20 KB
// however long the filters are.
const countCacheSize = 256

// countCache remembers the counts of filters on mentions for the data
// version they were taken at. A client paging through a filter (QGIS,
// ogr2ogr) asks for numberMatched on every page, and one count can read
// every mention: with the cache it is counted once per version.
type countCache struct {
	mu      sync.Mutex
	version int64
	counts  map[countKeyHash]int
}

// countKeyHash is what a count evaluates: an expression over a filter.
type countKeyHash struct {
	expr   string // one of a few constants
	filter geo.FilterKey
}

// countKey names what count evaluates: expr over the mentions of f,
// whatever page of it is asked for.
func countKey(expr string, f geo.Filter) countKeyHash {
	return countKeyHash{expr: expr, filter: f.Key()}
}

func (c *countCache) get(version int64, key countKeyHash) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.counts[key]
	return n, ok && c.version == version
}

func (c *countCache) put(version int64, key countKeyHash, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.counts == nil || len(c.counts) >= countCacheSize {
		c.version, c.counts = version, map[countKeyHash]int{}
	}
	c.counts[key] = n
}
