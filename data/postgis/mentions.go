package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// Mentions calls fn for each mention matching f, newest first.
func (s *Store) Mentions(ctx context.Context, f geo.Filter, fn func(*geo.MentionRow) error) error {
	ctx, err := s.searchable(ctx, f)
	if err != nil {
		return err
	}
	return s.mentions(ctx, f, s.walks(ctx, f), fn)
}

// mentions lists the mentions that meet f, newest first (by time, then
// article, then mention id), a page of them.
//
// Either it walks the articles newest first (articles_time) and tests
// each one's mentions, or, for a filter by place that selects few
// mentions, it sorts the (article, place) pairs of the places selected
// and joins their mentions: PostgreSQL's planner cannot tell that the
// pairs' order is the articles', so the query is written for the plan.
func (s *Store) mentions(ctx context.Context, f geo.Filter, byTime bool, fn func(*geo.MentionRow) error) error {
	const cols = `SELECT ` + mentionCols + `, a.id, a.title, COALESCE(a.url, ''), a.source, a.time, ` + storyOf
	var cond, pairs, q string
	var args []any
	if !byTime {
		cond, pairs, args = conditions(f, pairsJoin)
	}
	if pairs == "" { // the walk, chosen or for a filter that names no place
		cond, _, args = conditions(f, walk)
		q = cols + matching + cond + ` ORDER BY a.time DESC, a.id DESC, m.id DESC`
	} else {
		// OFFSET 0 keeps the pairs' sort apart, so that their mentions are
		// read in its order until the page is full.
		q = cols + ` FROM (SELECT place_id, time, article_id FROM place_articles WHERE ` + pairs + `
				ORDER BY time DESC, article_id DESC OFFSET 0) pa
			JOIN mentions m ON m.article_id = pa.article_id AND m.place_id = pa.place_id
			JOIN articles a ON a.id = pa.article_id JOIN places p ON p.id = pa.place_id
			WHERE ` + cond + ` ORDER BY pa.time DESC, pa.article_id DESC, m.id DESC`
	}
	q, args = page(q, args, f)
	return s.stream(ctx, "mentions", q, args, func(rows pgx.Rows) error {
		var r geo.MentionRow
		var t time.Time
		ar := &r.Article
		if err := rows.Scan(append(mentionDest(&r.Mention), &ar.ID, &ar.Title, &ar.URL, &ar.Source, &t, &ar.Story)...); err != nil {
			return failed("mentions", err)
		}
		ar.Time = formatTime(t)
		return fn(&r)
	})
}

// walks reports whether to walk the articles for f. With no place to
// start from, the walk is the only way that needs no sort. Otherwise the
// walk reads about limit × total / selected mentions, and the sort reads
// every pair of the selected places: the walk wins when selected² >
// limit × total × walkCost. Both counts come from the per-place totals.
func (s *Store) walks(ctx context.Context, f geo.Filter) bool {
	if f.PlaceID != 0 || f.MentionID != 0 {
		return false
	}
	cond, args := wherePlace(f)
	if cond == "true" {
		return true
	}
	if f.Limit <= 0 {
		return false // everything is read anyway
	}
	var selected, total float64
	err := s.reader(ctx).QueryRow(ctx, `SELECT
		(SELECT COALESCE(sum(ps.mentions), 0) FROM place_stats ps JOIN places p ON p.id = ps.place_id WHERE `+cond+`),
		(SELECT COALESCE(sum(mentions), 0) FROM place_stats)`, args...).Scan(&selected, &total)
	return err == nil && selected*selected > float64(f.Limit+f.Offset)*total*walkCost
}

// walkCost is where the two plans cross, measured on the benchmark
// database (1,173,202 mentions) with pages of 1,000, warm, in psql: at
// selected² / (limit × total) = 0.55 the sort took 13.5 ms and the walk
// 259 (France); at 6.4, 14.5 and 17.6 ms (the United States); at 29, 50
// and 7.5 ms (Europe).
const walkCost = 8
