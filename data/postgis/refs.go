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
	err := s.stream(ctx, "articles", `SELECT `+refCols+` FROM articles WHERE id = ANY($1)`,
		[]any{missing}, func(rows pgx.Rows) error {
			r, err := scanRef(rows)
			if err != nil {
				return failed("articles", err)
			}
			out[r.ID] = r
			s.articleRefs.Put(r)
			return nil
		})
	return out, err
}

// refCols are an article's short form, as scanRef reads it.
const refCols = `id, title, COALESCE(url, ''), source, time`

func scanRef(rows pgx.Rows) (geo.ArticleRef, error) {
	var r geo.ArticleRef
	var t time.Time
	err := rows.Scan(&r.ID, &r.Title, &r.URL, &r.Source, &t)
	r.Time = formatTime(t)
	return r, err
}
