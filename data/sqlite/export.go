package sqlite

import (
	"context"
	"database/sql"
	"math"

	"mentionmap/geo"
)

// CountArticles counts the stored articles.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, failed("articles", err)
	}
	return n, nil
}

// Export calls fn, in id order, for every stored article with an id above
// after: its text, its times and all its mentions, as another store's
// IngestBatch takes them (mentionmap migrate).
func (s *Store) Export(ctx context.Context, after int64, fn func(*geo.Article) error) error {
	var ids []int64
	err := s.stream(ctx, "articles", `SELECT id FROM articles WHERE id > ? ORDER BY id`, []any{after}, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return failed("articles", err)
		}
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		a, err := s.Article(ctx, id, math.MaxInt32, 0)
		if err != nil {
			return err
		}
		a.ID, a.MentionCount = 0, 0
		for i := range a.Mentions {
			a.Mentions[i].ID, a.Mentions[i].ArticleID, a.Mentions[i].Place.ID = 0, 0, 0
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}
