package sqlite

import (
	"context"
	"database/sql"

	"mentionmap/geo"
)

// PlaceSummaries calls fn for each place with mentions matching f, most
// mentioned first, with counts and its latest articles.
func (s *Store) PlaceSummaries(ctx context.Context, f geo.Filter, fn func(*geo.PlaceSummary) error) error {
	if f = simplify(f); placeOnly(f) {
		return s.placeSummariesFromStats(ctx, f, fn)
	}
	return s.placeSummariesCounted(ctx, f, fn)
}

// latestCols reads one of a place's three newest articles (x is the alias
// of its LEFT JOINed articles row).
func latestCols(x string) string {
	return x + `.id, COALESCE(` + x + `.title, ''), COALESCE(` + x + `.url, ''), COALESCE(` + x + `.source, ''), COALESCE(` + x + `.time, '')`
}

// maxCachedPage is the largest page of places read with cached article
// references; the page is held in memory while they load.
const maxCachedPage = 10_000

// placeSummariesFromStats answers a place-only filter from the per-place
// totals. A page of places takes its newest articles from the reference
// cache; an unbounded listing streams them from a join.
func (s *Store) placeSummariesFromStats(ctx context.Context, f geo.Filter, fn func(*geo.PlaceSummary) error) error {
	if f.Limit <= 0 || f.Limit > maxCachedPage {
		return s.placeSummariesJoined(ctx, f, fn)
	}
	cond, args := placeWhere(f)
	q := `SELECT ` + placeCols + `, ps.mentions, ps.articles, ps.stories, ps.first, ps.last, ps.a1, ps.a2, ps.a3
		FROM place_stats ps JOIN places p ON p.id = ps.place_id
		WHERE ` + cond + ` ORDER BY ps.mentions DESC, p.id LIMIT ? OFFSET ?`
	type row struct {
		ps  geo.PlaceSummary
		ids [3]int64
	}
	var rows []row
	var ids []int64
	err := s.stream(ctx, "features", q, append(args, page(f)...), func(sr *sql.Rows) error {
		var r row
		dest := append(placeDest(&r.ps.Place), &r.ps.Mentions, &r.ps.Articles, &r.ps.Stories, &r.ps.FirstSeen, &r.ps.LastSeen,
			&r.ids[0], &r.ids[1], &r.ids[2])
		if err := sr.Scan(dest...); err != nil {
			return failed("features", err)
		}
		rows = append(rows, r)
		ids = append(ids, r.ids[:]...)
		return nil
	})
	if err == nil {
		err = s.loadRefs(ctx, ids)
	}
	if err != nil {
		return err
	}
	for i := range rows {
		rows[i].ps.Latest = s.latestRefs(rows[i].ids)
		if err := fn(&rows[i].ps); err != nil {
			return err
		}
	}
	return nil
}

// placeSummariesJoined streams a place-only listing from the per-place
// totals, joining each place's three newest articles by primary key.
func (s *Store) placeSummariesJoined(ctx context.Context, f geo.Filter, fn func(*geo.PlaceSummary) error) error {
	cond, args := placeWhere(f)
	q := `SELECT ` + placeCols + `, ps.mentions, ps.articles, ps.stories, ps.first, ps.last,
		` + latestCols("x1") + `, ` + latestCols("x2") + `, ` + latestCols("x3") + `
		FROM place_stats ps JOIN places p ON p.id = ps.place_id
		LEFT JOIN articles x1 ON x1.id = ps.a1 LEFT JOIN articles x2 ON x2.id = ps.a2 LEFT JOIN articles x3 ON x3.id = ps.a3
		WHERE ` + cond + ` ORDER BY ps.mentions DESC, p.id LIMIT ? OFFSET ?`
	return s.stream(ctx, "features", q, append(args, page(f)...), func(rows *sql.Rows) error {
		var ps geo.PlaceSummary
		var refs [3]geo.ArticleRef
		var ids [3]sql.NullInt64
		dest := append(placeDest(&ps.Place), &ps.Mentions, &ps.Articles, &ps.Stories, &ps.FirstSeen, &ps.LastSeen)
		for i := range refs {
			dest = append(dest, &ids[i], &refs[i].Title, &refs[i].URL, &refs[i].Source, &refs[i].Time)
		}
		if err := rows.Scan(dest...); err != nil {
			return failed("features", err)
		}
		ps.Latest = make([]geo.ArticleRef, 0, 3)
		for i := range refs {
			if ids[i].Valid {
				refs[i].ID = ids[i].Int64
				ps.Latest = append(ps.Latest, refs[i])
			}
		}
		return fn(&ps)
	})
}

// Mentions calls fn for each mention matching f, newest first.
func (s *Store) Mentions(ctx context.Context, f geo.Filter, fn func(*geo.MentionRow) error) error {
	f = simplify(f)
	return s.mentions(ctx, f, s.scanByTime(ctx, f), fn)
}

// scanByTime reports whether to walk the articles newest first, through
// their time index, and test each one's mentions, instead of sorting the
// mentions of the places that f selects. With no place to start from, the
// walk is the only way that needs no sort. With a box, the walk reads
// about limit × total / inBox entries of the article index, which holds
// the place (migration 0009), and seeks each article's mentions; the sort
// seeks the mentions of each (article, place) pair of the box's places
// (place_articles), and reads their rows. The walk wins when inBox² >
// limit × total × walkCost. Both counts come from the per-place totals.
func (s *Store) scanByTime(ctx context.Context, f geo.Filter) bool {
	if f.BBox == nil {
		return f.PlaceID == 0 && f.MentionID == 0
	}
	limit := f.Limit + f.Offset
	if f.Limit <= 0 {
		return false // everything is read anyway
	}
	cond, args := inBox("place_id", *f.BBox)
	var boxed, total float64
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT COALESCE(sum(mentions), 0) FROM place_stats WHERE `+cond+`),
		(SELECT COALESCE(sum(mentions), 0) FROM place_stats)`, args...).Scan(&boxed, &total)
	return err == nil && boxed*boxed > float64(limit)*total*walkCost
}

// walkCost is where the two plans cross, measured on the benchmark
// database (1,173,202 mentions) with pages of 1,000: at inBox² / (limit ×
// total) = 0.001 sorting the box won (Paris: 20 ms, the walk 310 ms); at
// 0.57 and 30 the walk won (France: 30 ms, the sort 100 ms; Europe: 60
// ms, the sort 710 ms). The sort's cost grows with inBox, and the walk's
// with limit × total / inBox: from France's figures they cross near 0.2.
const walkCost = 0.2

// mentions reads the mentions that meet f, newest first (by time, then
// id), a page of them.
//
// byTime walks the articles newest first (t: their time index alone) and
// each one's mentions: a mention has its article's time, and ids grow
// with article ids, so (t.time, t.id, m.id) is the same order as (m.time,
// m.id). The CROSS JOINs keep SQLite to that order, and read an article's
// row (a) only for the mentions that match.
//
// Otherwise the page's ids are found and sorted first, from what the
// conditions on mentions alone read (the place index holds the time), and
// only the page's mentions are joined to their articles and places:
// SQLite sorts whole result rows.
func (s *Store) mentions(ctx context.Context, f geo.Filter, byTime bool, fn func(*geo.MentionRow) error) error {
	var q string
	var args []any
	var err error
	const cols = `SELECT ` + mentionCols + `, a.id, a.title, COALESCE(a.url, ''), a.source, a.time, ` + storyOf + ` FROM `
	if byTime {
		var cond string
		if cond, args, err = s.whereScan(ctx, f); err != nil {
			return err
		}
		q = cols + `articles t CROSS JOIN mentions m ON m.article_id = t.id CROSS JOIN articles a ON a.id = m.article_id
			JOIN places p ON p.id = m.place_id
			WHERE ` + cond + ` ORDER BY t.time DESC, t.id DESC, m.id DESC LIMIT ? OFFSET ?`
	} else {
		var cond string
		if cond, args, err = s.whereMentions(ctx, f); err != nil {
			return err
		}
		q = cols + `mentions m JOIN articles a ON a.id = m.article_id JOIN places p ON p.id = m.place_id
			WHERE m.id IN (SELECT m.id FROM mentions m WHERE ` + cond + ` ORDER BY m.time DESC, m.id DESC LIMIT ? OFFSET ?)
			ORDER BY m.time DESC, m.id DESC`
	}
	return s.stream(ctx, "mentions", q, append(args, page(f)...), func(rows *sql.Rows) error {
		var r geo.MentionRow
		a := &r.Article
		if err := scanMention(rows, &r.Mention, &a.ID, &a.Title, &a.URL, &a.Source, &a.Time, &a.Story); err != nil {
			return failed("mentions", err)
		}
		return fn(&r)
	})
}
