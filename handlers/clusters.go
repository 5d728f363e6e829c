package handlers

import (
	"context"
	"net/url"
	"sort"
	"strings"
	"sync"

	"mentionmap/geo"
)

// Cluster index settings: clusters up to clusterMaxZoom, single places
// beyond; a radius of 60 pixels on 256-pixel tiles, as supercluster uses.
const (
	clusterMaxZoom = 12
	clusterRadius  = 60
	tileMaxZoom    = 16
	indexCacheSize = 16
)

// indexCache keeps cluster indexes by filter and data version, so tiles of
// the same map view share one index; new articles change the version and
// so invalidate them.
type indexCache struct {
	mu      sync.Mutex
	entries map[string]*indexEntry
	order   []string // least recently used first
}

type indexEntry struct {
	once sync.Once
	ix   *geo.ClusterIndex
	err  error
}

// filterKey is a canonical form of the filter parameters of a request.
func filterKey(q url.Values, version int64) string {
	var parts []string
	for _, k := range []string{"bbox", "from", "to", "q", "country", "kind", "source", "min_confidence", "demonyms"} {
		if v := q.Get(k); v != "" && k != "bbox" {
			parts = append(parts, k+"="+v)
		}
	}
	sort.Strings(parts)
	return itoa(version) + "?" + strings.Join(parts, "&")
}

// index returns the cluster index for f, building it once per key.
func (s *Server) index(ctx context.Context, key string, f geo.Filter) (*geo.ClusterIndex, error) {
	c := &s.indexes
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]*indexEntry{}
	}
	e, ok := c.entries[key]
	if !ok {
		e = &indexEntry{}
		c.entries[key] = e
	}
	c.touch(key)
	c.mu.Unlock()
	e.once.Do(func() {
		f.BBox, f.Limit, f.Offset = nil, 0, 0
		var pts []geo.ClusterPoint
		e.err = s.store.PlacePoints(ctx, f, func(p *geo.ClusterPoint) error {
			pts = append(pts, *p)
			return nil
		})
		if e.err == nil {
			e.ix = geo.NewClusterIndex(pts, 0, clusterMaxZoom, clusterRadius)
		}
	})
	if e.err != nil {
		c.mu.Lock()
		delete(c.entries, key) // do not cache failures
		c.mu.Unlock()
	}
	return e.ix, e.err
}

// touch marks key as most recently used and evicts beyond the cache size.
func (c *indexCache) touch(key string) {
	for i, k := range c.order {
		if k == key {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
	c.order = append(c.order, key)
	for len(c.order) > indexCacheSize {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}
