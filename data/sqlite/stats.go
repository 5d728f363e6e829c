package sqlite

import (
	"context"
	"database/sql"
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
	stories            int // articles that are not reprints (geo.Story)
	first, last        string
	top                [3]latest // newest first; unused slots have t == ""
}

// statDeltas are the deltas of one transaction, by place id.
type statDeltas struct {
	byPlace map[int64]*statDelta
}

// add counts article id, published at t, with n mentions of place, and a
// story unless the article is a reprint. Articles arrive in id order, so
// on equal times the later one is newer, as in the ranking of migration
// 0004.
func (ds *statDeltas) add(place int64, n int, t string, id int64, reprint bool) {
	d := ds.byPlace[place]
	if d == nil {
		d = &statDelta{first: t, last: t}
		ds.byPlace[place] = d
	}
	d.mentions += n
	d.articles++
	if !reprint {
		d.stories++
	}
	d.first, d.last = min(d.first, t), max(d.last, t)
	for i := range d.top {
		if d.top[i].t == "" || t >= d.top[i].t {
			copy(d.top[i+1:], d.top[i:len(d.top)-1])
			d.top[i] = latest{t, id}
			break
		}
	}
}

// merge adds a place's stored totals and newest three to d.
func (d *statDelta) merge(stored statDelta) {
	d.mentions += stored.mentions
	d.articles += stored.articles
	d.stories += stored.stories
	d.first, d.last = min(d.first, stored.first), max(d.last, stored.last)
	d.top = newest(d.top, stored.top)
}

// newest merges two newest-first lists into the newest three. On equal
// times a's come first: the batch's articles are newer than the stored.
func newest(a, b [3]latest) [3]latest {
	var out [3]latest
	i, j := 0, 0
	for k := range out {
		fromA := i < len(a) && a[i].t != "" && (j == len(b) || b[j].t == "" || a[i].t >= b[j].t)
		switch {
		case fromA:
			out[k], i = a[i], i+1
		case j < len(b) && b[j].t != "":
			out[k], j = b[j], j+1
		}
	}
	return out
}

// flushStats reads the stored totals of the places the batch mentions in
// one query, merges the batch's deltas into them, and writes each place's
// row once.
func (b *batch) flushStats(ctx context.Context, tx *sql.Tx) error {
	ids := make([]int64, 0, len(b.deltas.byPlace))
	for id := range b.deltas.byPlace {
		ids = append(ids, id)
	}
	slices.Sort(ids) // B-tree order: neighbouring pages
	if err := b.mergeStored(ctx, tx, ids); err != nil {
		return err
	}
	err := b.stats.exec(ctx, len(ids), func(i int, args []any) ([]any, error) {
		d := b.deltas.byPlace[ids[i]]
		args = append(args, ids[i], d.mentions, d.articles, d.stories, d.first, d.last)
		for _, l := range d.top {
			args = append(args, l.t, l.id)
		}
		return args, nil
	})
	clear(b.deltas.byPlace)
	return err
}

// mergeStored merges the stored totals of places ids into the deltas.
func (b *batch) mergeStored(ctx context.Context, tx *sql.Tx, ids []int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT place_id, mentions, articles, stories, first, last, t1, a1, t2, a2, t3, a3
		FROM place_stats WHERE place_id IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var st statDelta
		dest := []any{&id, &st.mentions, &st.articles, &st.stories, &st.first, &st.last}
		for i := range st.top {
			dest = append(dest, &st.top[i].t, &st.top[i].id)
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		b.deltas.byPlace[id].merge(st)
	}
	return rows.Err()
}
