package postgis

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// placeDelta is what one batch adds to a place's totals.
type placeDelta struct {
	mentions, articles int
	stories            int // articles that are not reprints (geo.Story)
	first, last        time.Time
	latest             []articleAt // newest first, at most 3
}

type articleAt struct {
	id int64
	t  time.Time
}

// deltas totals a batch's new articles per place.
func deltas(arts []*geo.Article, created []bool) map[int64]*placeDelta {
	out := map[int64]*placeDelta{}
	for i, a := range arts {
		if !created[i] {
			continue
		}
		t := a.Time()
		seen := map[int64]bool{}
		for j := range a.Mentions {
			id := a.Mentions[j].Place.ID
			d := out[id]
			if d == nil {
				d = &placeDelta{first: t, last: t}
				out[id] = d
			}
			d.mentions++
			if seen[id] {
				continue
			}
			seen[id] = true
			d.articles++
			if !a.Reprint() {
				d.stories++
			}
			d.first, d.last = minTime(d.first, t), maxTime(d.last, t)
			d.latest = append(d.latest, articleAt{a.ID, t})
			slices.SortFunc(d.latest, func(x, y articleAt) int {
				return cmp.Or(y.t.Compare(x.t), cmp.Compare(y.id, x.id))
			})
			d.latest = d.latest[:min(3, len(d.latest))]
		}
	}
	return out
}

// addStats adds a batch's totals to place_stats, in its transaction: the
// row lock of each place serialises concurrent writers, so the totals
// always equal a recount.
func addStats(ctx context.Context, tx pgx.Tx, ds map[int64]*placeDelta) error {
	b := &pgx.Batch{}
	for _, id := range slices.Sorted(maps.Keys(ds)) { // in place order, as upsertPlaces
		d := ds[id]
		ids, times := make([]int64, len(d.latest)), make([]time.Time, len(d.latest))
		for i, l := range d.latest {
			ids[i], times[i] = l.id, l.t
		}
		b.Queue(`INSERT INTO place_stats AS s (place_id, mentions, articles, first, last, latest, latest_times, stories)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (place_id) DO UPDATE SET
				mentions = s.mentions + EXCLUDED.mentions,
				articles = s.articles + EXCLUDED.articles,
				stories = s.stories + EXCLUDED.stories,
				first = LEAST(s.first, EXCLUDED.first),
				last = GREATEST(s.last, EXCLUDED.last),
				(latest, latest_times) = (SELECT array_agg(id ORDER BY t DESC, id DESC), array_agg(t ORDER BY t DESC, id DESC)
					FROM (SELECT id, t FROM unnest(s.latest || EXCLUDED.latest, s.latest_times || EXCLUDED.latest_times) AS u(id, t)
						ORDER BY t DESC, id DESC LIMIT 3) x)`,
			id, d.mentions, d.articles, d.first, d.last, ids, times, d.stories)
	}
	return tx.SendBatch(ctx, b).Close()
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// placeOnly reports whether f selects by place alone, which the totals
// answer.
func placeOnly(f geo.Filter) bool {
	return f.From == nil && f.To == nil && f.Query.IsZero() && f.Source == "" && f.MinConfidence == 0 &&
		!f.NoDemonyms && f.MentionID == 0 && !f.Focus && !f.DistinctStories
}
