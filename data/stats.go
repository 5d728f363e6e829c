package data

import (
	"context"
	"slices"
)

// Per-place totals (place_stats) change once per place per transaction,
// not once per article: ingest sums each place's mentions and articles in
// memory, keeps its three newest articles, and writes them at commit.

// latest is an article that mentions a place, by time.
type latest struct {
	t  string
	id int64
}

// statDelta is what one transaction adds to a place's totals.
type statDelta struct {
	mentions, articles int
	first, last        string
	top                [3]latest // newest first; unused slots have t == ""
}

// statDeltas are the deltas of one transaction, by place id.
type statDeltas struct {
	byPlace map[int64]*statDelta
}

// add counts article id, published at t, with n mentions of place.
// Articles arrive in id order, so on equal times the later one is newer,
// as in the ranking of migration 0004.
func (ds *statDeltas) add(place int64, n int, t string, id int64) {
	d := ds.byPlace[place]
	if d == nil {
		d = &statDelta{first: t, last: t}
		ds.byPlace[place] = d
	}
	d.mentions += n
	d.articles++
	d.first, d.last = min(d.first, t), max(d.last, t)
	for i := range d.top {
		if d.top[i].t == "" || t >= d.top[i].t {
			copy(d.top[i+1:], d.top[i:len(d.top)-1])
			d.top[i] = latest{t, id}
			break
		}
	}
}

// flushStats writes the deltas through b.stats, which shifts one (time,
// article) pair into a place's newest three per call: the first call
// carries the sums, and the rest follow oldest first.
func (b *batch) flushStats(ctx context.Context) error {
	ids := make([]int64, 0, len(b.deltas.byPlace))
	for id := range b.deltas.byPlace {
		ids = append(ids, id)
	}
	slices.Sort(ids) // B-tree order: neighbouring pages
	for _, id := range ids {
		d := b.deltas.byPlace[id]
		k := 0
		for k < len(d.top) && d.top[k].t != "" {
			k++
		}
		for i := k - 1; i >= 0; i-- {
			l := d.top[i]
			m, a, first, last := 0, 0, l.t, l.t
			if i == k-1 {
				m, a, first, last = d.mentions, d.articles, d.first, d.last
			}
			if _, err := b.stats.ExecContext(ctx, id, m, a, first, last, l.t, l.id); err != nil {
				return err
			}
		}
	}
	clear(b.deltas.byPlace)
	return nil
}
