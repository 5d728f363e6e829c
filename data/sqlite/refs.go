package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"mentionmap/geo"
)

// refsChunk is how many ids one lookup query binds.
const refsChunk = 500

// loadRefs reads the references of the articles in ids that are not cached.
func (s *Store) loadRefs(ctx context.Context, ids []int64) error {
	var missing []any
	for _, id := range ids {
		if _, ok := s.refs.Get(id); !ok && id != 0 {
			missing = append(missing, id)
		}
	}
	for lo := 0; lo < len(missing); lo += refsChunk {
		part := missing[lo:min(len(missing), lo+refsChunk)]
		q := `SELECT id, title, COALESCE(url, ''), source, time FROM articles WHERE id IN (?` +
			strings.Repeat(", ?", len(part)-1) + `)`
		err := s.stream(ctx, "articles", q, part, func(rows *sql.Rows) error {
			var r geo.ArticleRef
			if err := rows.Scan(&r.ID, &r.Title, &r.URL, &r.Source, &r.Time); err != nil {
				return failed("articles", err)
			}
			s.refs.Put(r)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// latestRefs returns the references of ids, skipping zeros (empty slots).
func (s *Store) latestRefs(ids [3]int64) []geo.ArticleRef {
	out := make([]geo.ArticleRef, 0, len(ids))
	for _, id := range ids {
		if r, ok := s.refs.Get(id); ok && id != 0 {
			out = append(out, r)
		}
	}
	return out
}
