package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"mentionmap/geo"
)

// placeSummariesCounted answers a filter on mentions: it reads the place,
// article and time of each matching mention, through whichever index the
// filter allows, and totals them per place here, as ingest totals a batch
// (statDeltas). SQL would sort every matching mention to group them, and
// rank each place's articles by time with a window: at a million mentions
// that took seconds.
func (s *Store) placeSummariesCounted(ctx context.Context, f geo.Filter, fn func(*geo.PlaceSummary) error) error {
	cond, args, err := s.whereMentions(ctx, f)
	if err != nil {
		return err
	}
	type pair struct{ place, article int64 }
	type seen struct {
		n       int
		time    int64
		reprint bool
	}
	pairs := map[pair]seen{}
	err = s.stream(ctx, "features", `SELECT m.place_id, m.article_id, m.time, m.reprint FROM mentions m WHERE `+cond, args,
		func(rows *sql.Rows) error {
			var p pair
			var t int64
			var reprint bool
			if err := rows.Scan(&p.place, &p.article, &t, &reprint); err != nil {
				return failed("features", err)
			}
			v := pairs[p]
			pairs[p] = seen{v.n + 1, t, reprint}
			return nil
		})
	if err != nil {
		return err
	}
	keys := make([]pair, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	// statDeltas ranks equal times by arrival: articles in id order.
	slices.SortFunc(keys, func(a, b pair) int { return cmp.Compare(a.article, b.article) })
	totals := statDeltas{byPlace: map[int64]*statDelta{}}
	for _, k := range keys {
		totals.add(k.place, pairs[k].n, formatTime(time.Unix(pairs[k].time, 0)), k.article, pairs[k].reprint)
	}
	return s.emitTotals(ctx, f, totals.byPlace, fn)
}

// emitTotals calls fn for f's page of the places in totals, most
// mentioned first (then by id), with their newest articles.
func (s *Store) emitTotals(ctx context.Context, f geo.Filter, totals map[int64]*statDelta, fn func(*geo.PlaceSummary) error) error {
	ids := make([]int64, 0, len(totals))
	for id := range totals {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int {
		return cmp.Or(cmp.Compare(totals[b].mentions, totals[a].mentions), cmp.Compare(a, b))
	})
	ids = ids[min(f.Offset, len(ids)):]
	if f.Limit > 0 {
		ids = ids[:min(f.Limit, len(ids))]
	}
	if len(ids) == 0 {
		return nil
	}
	var articles []int64
	for _, id := range ids {
		for _, l := range totals[id].top {
			articles = append(articles, l.id)
		}
	}
	if err := s.loadRefs(ctx, articles); err != nil {
		return err
	}
	places := make(map[int64]geo.Place, len(ids))
	err := s.stream(ctx, "features", `SELECT `+placeCols+` FROM places p WHERE p.id `+inIDs,
		[]any{idList(ids)}, func(rows *sql.Rows) error {
			var p geo.Place
			if err := rows.Scan(placeDest(&p)...); err != nil {
				return failed("features", err)
			}
			places[p.ID] = p
			return nil
		})
	if err != nil {
		return err
	}
	for _, id := range ids {
		d := totals[id]
		ps := geo.PlaceSummary{Place: places[id], Mentions: d.mentions, Articles: d.articles, Stories: d.stories, FirstSeen: d.first, LastSeen: d.last}
		ps.Latest = s.latestRefs([3]int64{d.top[0].id, d.top[1].id, d.top[2].id})
		if err := fn(&ps); err != nil {
			return err
		}
	}
	return nil
}
