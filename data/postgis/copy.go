package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// CountArticles counts the stored articles.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, failed("articles", err)
	}
	return n, nil
}

// Known reports which of the content hashes are stored already, so that a
// copy that resumes skips them without storing anything.
func (s *Store) Known(ctx context.Context, hashes []string) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.stream(ctx, "articles", `SELECT hash FROM articles WHERE hash = ANY($1)`, []any{hashes}, func(rows pgx.Rows) error {
		var h string
		if err := rows.Scan(&h); err != nil {
			return failed("articles", err)
		}
		out[h] = true
		return nil
	})
	return out, err
}
