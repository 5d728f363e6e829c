package data

import (
	"context"
	"encoding/json"
	"strconv"

	"mentionmap/geo"
)

// latestArticles is how many recent articles each place feature carries.
const latestArticles = 3

// PlaceSummaries calls fn for each place with mentions matching f, most
// mentioned first, with counts and its latest articles.
func (s *Store) PlaceSummaries(ctx context.Context, f geo.Filter, fn func(*geo.PlaceSummary) error) error {
	cond, args, err := where(f)
	if err != nil {
		return err
	}
	q := `WITH fm AS MATERIALIZED (
		SELECT m.place_id, m.article_id, m.time FROM mentions m
		JOIN articles a ON a.id = m.article_id JOIN places p ON p.id = m.place_id
		WHERE ` + cond + `)
	SELECT ` + placeCols + `, count(*), count(DISTINCT fm.article_id), min(fm.time), max(fm.time),
		(SELECT json_group_array(json_object('id', l.id, 'title', l.title, 'url', COALESCE(l.url, ''), 'source', l.source, 'time', l.time))
		 FROM (SELECT DISTINCT a2.id, a2.title, a2.url, a2.source, a2.time FROM fm f2 JOIN articles a2 ON a2.id = f2.article_id
		       WHERE f2.place_id = p.id ORDER BY a2.time DESC, a2.id DESC LIMIT ` + itoa(latestArticles) + `) l)
	FROM fm JOIN places p ON p.id = fm.place_id
	GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT ? OFFSET ?`
	rows, err := s.r.QueryContext(ctx, q, append(args, page(f)...)...)
	if err != nil {
		return geo.Errorf(geo.EINTERNAL, "features: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ps geo.PlaceSummary
		var latest string
		dest := append(placeDest(&ps.Place), &ps.Mentions, &ps.Articles, &ps.FirstSeen, &ps.LastSeen, &latest)
		if err := rows.Scan(dest...); err != nil {
			return geo.Errorf(geo.EINTERNAL, "features: %v", err)
		}
		if err := json.Unmarshal([]byte(latest), &ps.Latest); err != nil {
			return geo.Errorf(geo.EINTERNAL, "features: %v", err)
		}
		if err := fn(&ps); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return geo.Errorf(geo.EINTERNAL, "features: %v", err)
	}
	return nil
}

// Mentions calls fn for each mention matching f, newest first.
func (s *Store) Mentions(ctx context.Context, f geo.Filter, fn func(*geo.MentionRow) error) error {
	cond, args, err := where(f)
	if err != nil {
		return err
	}
	return s.mentions(ctx, cond, args, page(f), fn)
}

func (s *Store) mentions(ctx context.Context, cond string, args, page []any, fn func(*geo.MentionRow) error) error {
	q := `SELECT ` + mentionCols + `, a.id, a.title, COALESCE(a.url, ''), a.source, a.time
		FROM mentions m JOIN articles a ON a.id = m.article_id JOIN places p ON p.id = m.place_id
		WHERE ` + cond + ` ORDER BY m.time DESC, m.id DESC LIMIT ? OFFSET ?`
	rows, err := s.r.QueryContext(ctx, q, append(args, page...)...)
	if err != nil {
		return geo.Errorf(geo.EINTERNAL, "mentions: %v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r geo.MentionRow
		a := &r.Article
		if err := scanMention(rows, &r.Mention, &a.ID, &a.Title, &a.URL, &a.Source, &a.Time); err != nil {
			return geo.Errorf(geo.EINTERNAL, "mentions: %v", err)
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return geo.Errorf(geo.EINTERNAL, "mentions: %v", err)
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
