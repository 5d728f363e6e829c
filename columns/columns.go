// Package columns keeps in memory a column copy of what filters test of
// each mention (time, source, confidence, flags, place), grouped by day,
// and counts the mentions per place for a filter from it. Tiles and
// clusters need those counts for every new filter, and a scan of memory
// gives them in milliseconds where a read of every matching mention from
// the database takes hundreds.
//
// The copy follows the store's change log (geo.ChangeLog), so it sees
// what any process wrote, and it is at least as new as the version the
// caller read before asking.
package columns

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"mentionmap/geo"
)

// Store is a geo.PlaceCounter over a store's change log. Filters that
// search text or pick one place or mention go to the store itself.
type Store struct {
	store Source
	snap  atomic.Pointer[snapshot] // nil until Load has run

	mu    sync.Mutex // one writer of the copy
	dicts dicts
}

// Source is the store a copy follows, and asks what the copy cannot
// answer.
type Source interface {
	geo.PlaceCounter
	geo.Timeliner
	geo.ChangeLog
	Version(ctx context.Context) (int64, error)
}

// New returns a copy of s's mentions, empty until Load.
func New(s Source) *Store {
	return &Store{store: s, dicts: dicts{places: map[int64]int32{}, sources: map[string]int32{}, stories: map[int64]int64{}}}
}

// snapshot is the copy at one data version. It never changes.
type snapshot struct {
	version int64
	chunks  []*chunk           // by day
	places  []geo.ClusterPoint // by index; Mentions unset
	sources map[string]int32
	stories map[int64]int64 // article -> story, for the articles not their story's first
	rows    int
}

// dicts number places and sources for the columns; only the writer
// touches them.
type dicts struct {
	places     map[int64]int32
	placeList  []geo.ClusterPoint
	ownList    bool // placeList is no snapshot's yet, and may change in place
	sources    map[string]int32
	sourcesNew bool            // sources grew since the last snapshot
	stories    map[int64]int64 // as snapshot.stories
	storiesNew bool
}

func (d *dicts) placeIndex(p *geo.ClusterPoint) int32 {
	i, ok := d.places[p.ID]
	switch {
	case !ok:
		i = int32(len(d.placeList))
		d.places[p.ID] = i
		d.placeList = append(d.placeList, *p)
	case d.placeList[i].Name != p.Name: // renamed after the form readers know (geo/names.go)
		if !d.ownList {
			d.placeList, d.ownList = slices.Clone(d.placeList), true
		}
		d.placeList[i].Name = p.Name
	}
	return i
}

func (d *dicts) sourceIndex(s string) int32 {
	i, ok := d.sources[s]
	if !ok {
		i = int32(len(d.sources))
		d.sources[s] = i
		d.sourcesNew = true
	}
	return i
}

// Load reads every mention; until it has, PlacePoints asks the store.
func (c *Store) Load(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap.Load() != nil {
		return nil
	}
	// The version first: whatever is written after it is read again as a
	// change, and replaces what the full read saw of it.
	v, err := c.store.Version(ctx)
	if err != nil {
		return err
	}
	rows, err := c.read(ctx, nil)
	if err != nil {
		return err
	}
	c.snap.Store(c.apply(&snapshot{}, v, nil, rows))
	return nil
}

// read reads the mentions of the articles ids (nil: all) by day.
func (c *Store) read(ctx context.Context, ids []int64) (days, error) {
	ds := days{}
	err := c.store.MentionFacts(ctx, ids, func(f *geo.MentionFact) error {
		ds.add(&c.dicts, f)
		return nil
	})
	return ds, err
}

// current returns a snapshot at least as new as the store's version, or
// nil before Load.
func (c *Store) current(ctx context.Context) (*snapshot, error) {
	v, err := c.store.Version(ctx)
	if err != nil {
		return nil, err
	}
	if s := c.snap.Load(); s == nil || s.version >= v {
		return s, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.snap.Load()
	if s.version >= v {
		return s, nil
	}
	nv, changes, err := c.store.Changes(ctx, s.version)
	if err != nil {
		return nil, err
	}
	ids := geo.ChangedArticles(changes)
	var rows days
	if len(ids) > 0 {
		if rows, err = c.read(ctx, ids); err != nil {
			return nil, err
		}
	}
	s = c.apply(s, nv, ids, rows)
	c.snap.Store(s)
	return s, nil
}

// apply returns s with the articles changed replaced by the mentions
// in add, at version v.
func (c *Store) apply(s *snapshot, v int64, changed []int64, add days) *snapshot {
	drop := make(map[int64]bool, len(changed))
	for _, id := range changed {
		drop[id] = true
	}
	out := &snapshot{version: v, places: c.dicts.placeList, sources: s.sources}
	c.dicts.ownList = false
	if c.dicts.sourcesNew || out.sources == nil {
		out.sources = maps.Clone(c.dicts.sources)
		c.dicts.sourcesNew = false
	}
	if out.stories = s.stories; c.dicts.storiesNew || out.stories == nil {
		out.stories = maps.Clone(c.dicts.stories)
		c.dicts.storiesNew = false
	}
	out.chunks = make([]*chunk, 0, len(s.chunks)+len(add))
	for _, ch := range s.chunks {
		if more, ok := add[ch.day]; ok || ch.holdsAny(drop) {
			ch = ch.with(drop, more)
			delete(add, ch.day)
		}
		out.chunks = append(out.chunks, ch)
	}
	for _, ch := range add {
		out.chunks = append(out.chunks, ch)
	}
	slices.SortFunc(out.chunks, func(a, b *chunk) int { return cmp.Compare(a.day, b.day) })
	for _, ch := range out.chunks {
		out.rows += ch.len()
	}
	return out
}
