package handlers

import (
	"cmp"
	"context"
	"slices"
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
	entries map[indexKey]*indexEntry
	order   []indexKey // least recently used first
}

type indexEntry struct {
	done chan struct{} // closed once ix or err is set
	ix   *geo.ClusterIndex
	err  error
}

// indexKey names the cluster index of f at a data version: the box is
// left out, since one index serves every tile of a map view.
type indexKey struct {
	version int64
	filter  geo.FilterKey
}

func newIndexKey(f geo.Filter, version int64) indexKey {
	f.BBox = nil
	return indexKey{version: version, filter: f.Key()}
}

// index returns the cluster index for f, building it once per key. The
// first request builds it for everyone, as an expensive read, under a
// context of its own: the builder's client leaving does not fail the
// others waiting on the same index. Each waiter stops waiting when its own
// context ends.
func (s *Server) index(ctx context.Context, key indexKey, f geo.Filter) (*geo.ClusterIndex, error) {
	c := &s.indexes
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[indexKey]*indexEntry{}
	}
	e, ok := c.entries[key]
	if !ok {
		e = &indexEntry{done: make(chan struct{})}
		c.entries[key] = e
	}
	c.touch(key)
	c.mu.Unlock()
	if !ok {
		e.ix, e.err = s.buildIndex(ctx, f)
		if e.err != nil {
			c.mu.Lock()
			delete(c.entries, key) // do not cache failures
			c.mu.Unlock()
		}
		close(e.done)
	}
	select {
	case <-e.done:
		return e.ix, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// buildIndex reads the places of f and clusters them.
func (s *Server) buildIndex(ctx context.Context, f geo.Filter) (*geo.ClusterIndex, error) {
	release, err := s.heavy.admit(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.opts.RequestTimeout)
	defer cancel()
	f.BBox, f.Limit, f.Offset = nil, 0, 0
	var pts []geo.ClusterPoint
	err = s.opts.Counts.PlacePoints(ctx, f, func(p *geo.ClusterPoint) error {
		pts = append(pts, *p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Greedy clustering depends on the order of its input: in place order,
	// every store and every process draws the same clusters.
	slices.SortFunc(pts, func(a, b geo.ClusterPoint) int { return cmp.Compare(a.ID, b.ID) })
	return geo.NewClusterIndex(pts, 0, clusterMaxZoom, clusterRadius), nil
}

// touch marks key as most recently used and evicts beyond the cache size.
func (c *indexCache) touch(key indexKey) {
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
