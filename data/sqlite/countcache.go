package sqlite

import (
	"crypto/sha256"
	"encoding/json"
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

// countKeyHash is the SHA-256 of a count's key.
type countKeyHash [sha256.Size]byte

// countKey names what count evaluates: expr over the mentions of f,
// whatever page of it is asked for.
func countKey(expr string, f geo.Filter) countKeyHash {
	f.Limit, f.Offset = 0, 0
	b, _ := json.Marshal(f) // pointers are written as what they point to
	return sha256.Sum256(append([]byte(expr+" "), b...))
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
