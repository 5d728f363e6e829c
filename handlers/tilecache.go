package handlers

import (
	"container/list"
	"sync"

	"github.com/paulmach/orb/maptile"
)

// tileCacheSize is how many encoded tiles are kept: about 1.5 MB at the
// bench's 325 bytes a tile. Encoding and compressing a tile costs far more
// than looking up its clusters, so a warm map view is served from here.
const tileCacheSize = 4096

// tileKey names an encoded tile: its filter and data version (as the
// cluster index), the tile, and whether it is gzipped.
type tileKey struct {
	index indexKey
	tile  maptile.Tile
	gzip  bool
}

// tileCache keeps the most recently used encoded tiles. A new data
// version changes every key, so old tiles age out.
type tileCache struct {
	mu    sync.Mutex
	byKey map[tileKey]*list.Element
	order list.List // front: most recently used; values are *tileEntry
}

type tileEntry struct {
	key  tileKey
	body []byte
}

func (c *tileCache) get(k tileKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*tileEntry).body, true
}

func (c *tileCache) put(k tileKey, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = map[tileKey]*list.Element{}
	}
	if e, ok := c.byKey[k]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.byKey[k] = c.order.PushFront(&tileEntry{k, body})
	for c.order.Len() > tileCacheSize {
		old := c.order.Remove(c.order.Back()).(*tileEntry)
		delete(c.byKey, old.key)
	}
}
