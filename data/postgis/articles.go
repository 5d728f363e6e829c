package postgis

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"mentionmap/geo"
)

const articleCols = `a.id, COALESCE(a.url, ''), a.title, a.source, a.published, a.ingested, a.hash, a.mentions_omitted, ` + storyOf

func scanArticle(row pgx.Row, a *geo.Article, extra ...any) error {
	var published *time.Time
	if err := row.Scan(append([]any{&a.ID, &a.URL, &a.Title, &a.Source, &published, &a.Ingested, &a.Hash, &a.MentionsOmitted, &a.Story}, extra...)...); err != nil {
		return err
	}
	a.Ingested = a.Ingested.UTC()
	if published != nil {
		t := published.UTC()
		a.Published = &t
	}
	return nil
}

// Article returns an article with its text and a page of its mentions, in
// the order of the text. An article the replica lacks may be one another
// process has just stored: the primary is asked.
func (s *Store) Article(ctx context.Context, id int64, limit, offset int) (*geo.Article, error) {
	db := s.reader(ctx)
	a, err := s.article(ctx, db, id, limit, offset)
	if geo.ErrorCode(err) == geo.ENOTFOUND && db != s.db {
		a, err = s.article(ctx, s.db, id, limit, offset)
	}
	return a, err
}

func (s *Store) article(ctx context.Context, db *pgxpool.Pool, id int64, limit, offset int) (*geo.Article, error) {
	var a geo.Article
	row := db.QueryRow(ctx, `SELECT `+articleCols+`, a.text, (SELECT count(*) FROM mentions WHERE article_id = a.id)
		FROM articles a WHERE a.id = $1`, id)
	if err := scanArticle(row, &a, &a.Text, &a.MentionCount); errors.Is(err, pgx.ErrNoRows) {
		return nil, geo.Errorf(geo.ENOTFOUND, "article %d not found", id)
	} else if err != nil {
		return nil, failed("article", err)
	}
	focus, err := focusPlaces(ctx, db, id)
	if err != nil {
		return nil, err
	}
	a.Focus = focus
	a.Mentions = []geo.Mention{}
	rows, err := db.Query(ctx, `SELECT `+mentionCols+` FROM mentions m JOIN places p ON p.id = m.place_id
		JOIN articles a ON a.id = m.article_id WHERE m.article_id = $1 ORDER BY m.start, m.id LIMIT $2 OFFSET $3`, id, limit, offset)
	if err != nil {
		return nil, failed("mentions", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m geo.Mention
		if err := rows.Scan(mentionDest(&m)...); err != nil {
			return nil, failed("mentions", err)
		}
		a.Mentions = append(a.Mentions, m)
	}
	if err := rows.Err(); err != nil {
		return nil, failed("mentions", err)
	}
	return &a, nil
}

// focusPlaces reads the places of article id's focus mentions.
func focusPlaces(ctx context.Context, db *pgxpool.Pool, id int64) ([]geo.Place, error) {
	rows, err := db.Query(ctx, `SELECT `+placeCols+` FROM places p WHERE p.id IN
		(SELECT place_id FROM mentions WHERE article_id = $1 AND focus) ORDER BY p.id`, id)
	if err != nil {
		return nil, failed("article", err)
	}
	var out []geo.Place
	var p geo.Place
	_, err = pgx.ForEachRow(rows, placeDest(&p), func() error {
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, failed("article", err)
	}
	return out, nil
}

// Articles lists articles newest first, without their text.
func (s *Store) Articles(ctx context.Context, limit, offset int) ([]geo.Article, error) {
	out := []geo.Article{}
	err := s.stream(ctx, "articles", `SELECT `+articleCols+`, (SELECT count(*) FROM mentions WHERE article_id = a.id)
		FROM articles a ORDER BY a.time DESC, a.id DESC LIMIT $1 OFFSET $2`, []any{limit, offset}, func(rows pgx.Rows) error {
		var a geo.Article
		if err := scanArticle(rows, &a, &a.MentionCount); err != nil {
			return failed("articles", err)
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// Place returns a stored place and its most recent mentions.
func (s *Store) Place(ctx context.Context, id int64, recent int) (*geo.Place, []geo.MentionRow, error) {
	var p geo.Place
	err := s.db.QueryRow(ctx, `SELECT `+placeCols+` FROM places p WHERE p.id = $1`, id).Scan(placeDest(&p)...) // places are few: the primary answers
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, geo.Errorf(geo.ENOTFOUND, "place %d not found", id)
	} else if err != nil {
		return nil, nil, failed("place", err)
	}
	rows := []geo.MentionRow{}
	err = s.Mentions(ctx, geo.Filter{PlaceID: id, Limit: recent}, func(r *geo.MentionRow) error {
		rows = append(rows, *r)
		return nil
	})
	return &p, rows, err
}

// LastArticleID is the id of the newest stored article, 0 for none.
func (s *Store) LastArticleID(ctx context.Context) (int64, error) {
	var id int64
	if err := s.db.QueryRow(ctx, `SELECT COALESCE(max(id), 0) FROM articles`).Scan(&id); err != nil {
		return 0, failed("articles", err)
	}
	return id, nil
}

// errEnough stops a stream that has read what it needs.
var errEnough = errors.New("enough")

// SourceHistory calls fn, oldest first, for the newest articles of each
// source with ids up to upTo: at most perSource a source and total in all.
func (s *Store) SourceHistory(ctx context.Context, upTo int64, perSource, total int, fn func(source string, ms []geo.Mention) error) error {
	pick := geo.NewHistoryPicker(perSource, total)
	err := s.stream(ctx, "sources", `SELECT id, source, COALESCE(url, '') FROM articles WHERE id <= $1 ORDER BY id DESC`,
		[]any{upTo}, func(rows pgx.Rows) error {
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
	err := streamFrom(ctx, s.db, "sources", `SELECT id, source, COALESCE(url, '') FROM articles WHERE id = ANY($1)`,
		[]any{ids}, func(rows pgx.Rows) error {
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
// their places' kind, country and admin1, read in one query from the
// primary, which has every article that Changes or the history named.
func (s *Store) lessons(ctx context.Context, arts []geo.SourceArticle, fn func(source string, ms []geo.Mention) error) error {
	book := geo.NewLessonBook(arts)
	err := streamFrom(ctx, s.db, "mentions", `SELECT m.article_id, m.confidence, p.kind, p.country, p.admin1
		FROM mentions m JOIN places p ON p.id = m.place_id WHERE m.article_id = ANY($1) ORDER BY m.article_id, m.id`,
		[]any{book.IDs()}, func(rows pgx.Rows) error {
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
