package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"mentionmap/geo"
)

// errEnough stops a stream early; it is not a failure.
var errEnough = errors.New("enough rows")

// LastArticleID is the id of the newest stored article, or 0.
func (s *Store) LastArticleID(ctx context.Context) (int64, error) {
	var id int64
	if err := s.r.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM articles`).Scan(&id); err != nil {
		return 0, failed("articles", err)
	}
	return id, nil
}

// SourceHistory calls fn for the newest perSource articles of every
// source (geo.SourceKey of the article's source and URL) among those with
// ids up to upTo, oldest first, with their mentions; at most total
// articles, the newest. A mention carries its confidence and its place's
// kind, country and admin1 only: it is what a restarted server relearns
// its sources' localities from.
func (s *Store) SourceHistory(ctx context.Context, upTo int64, perSource, total int, fn func(source string, ms []geo.Mention) error) error {
	pick := geo.NewHistoryPicker(perSource, total)
	err := s.stream(ctx, "sources", `SELECT id, source, COALESCE(url, '') FROM articles WHERE id <= ? ORDER BY id DESC`,
		[]any{upTo}, func(rows *sql.Rows) error {
			var id int64
			var source, url string
			if err := rows.Scan(&id, &source, &url); err != nil {
				return failed("sources", err)
			}
			if !pick.Add(id, source, url) {
				return errEnough
			}
			return nil
		})
	if err != nil && !errors.Is(err, errEnough) {
		return err
	}
	return s.lessons(ctx, pick.Picked(), fn)
}

// Lessons calls fn for each of the articles ids that is stored, in that
// order, as SourceHistory does: a process learns from it what others
// stored.
func (s *Store) Lessons(ctx context.Context, ids []int64, fn func(source string, ms []geo.Mention) error) error {
	keys := map[int64]string{}
	err := s.stream(ctx, "sources", `SELECT id, source, COALESCE(url, '') FROM articles WHERE id `+inIDs,
		[]any{idList(ids)}, func(rows *sql.Rows) error {
			var id int64
			var source, url string
			if err := rows.Scan(&id, &source, &url); err != nil {
				return failed("sources", err)
			}
			keys[id] = geo.SourceKey(source, url)
			return nil
		})
	if err != nil {
		return err
	}
	return s.lessons(ctx, geo.SourceArticles(ids, keys), fn)
}

// lessons calls fn for each article with its mentions' confidence and
// their places' kind, country and admin1, read in one query.
func (s *Store) lessons(ctx context.Context, arts []geo.SourceArticle, fn func(source string, ms []geo.Mention) error) error {
	book := geo.NewLessonBook(arts)
	err := s.stream(ctx, "mentions", `SELECT m.article_id, m.confidence, p.kind, p.country, p.admin1
		FROM mentions m JOIN places p ON p.id = m.place_id WHERE m.article_id `+inIDs+` ORDER BY m.article_id, m.id`,
		[]any{idList(book.IDs())}, func(rows *sql.Rows) error {
			var id int64
			var m geo.Mention
			if err := rows.Scan(&id, &m.Confidence, &m.Place.Kind, &m.Place.Country, &m.Place.Admin1); err != nil {
				return failed("mentions", err)
			}
			book.Add(id, m)
			return nil
		})
	if err != nil {
		return err
	}
	return book.Replay(fn)
}
