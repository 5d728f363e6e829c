package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// refs reads the short forms of articles, from the cache where it can.
func (s *Store) refs(ctx context.Context, ids []int64) (map[int64]geo.ArticleRef, error) {
	out := make(map[int64]geo.ArticleRef, len(ids))
	var missing []int64
	for _, id := range ids {
		if r, ok := s.articleRefs.Get(id); ok {
			out[id] = r
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	err := s.stream(ctx, "articles", `SELECT id, title, COALESCE(url, ''), source, time FROM articles WHERE id = ANY($1)`,
		[]any{missing}, func(rows pgx.Rows) error {
			var r geo.ArticleRef
			var t time.Time
			if err := rows.Scan(&r.ID, &r.Title, &r.URL, &r.Source, &t); err != nil {
				return failed("articles", err)
			}
			r.Time = formatTime(t)
			out[r.ID] = r
			s.articleRefs.Put(r)
			return nil
		})
	return out, err
}
