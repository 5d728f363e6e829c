package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// logChange moves the data version on and records the articles that
// moved it. The row lock on meta orders concurrent writers, so versions
// commit in their order.
func logChange(ctx context.Context, tx pgx.Tx, writer string, arts []*geo.Article, created []bool) (int64, error) {
	ids := make([]int64, 0, len(arts))
	for i, a := range arts {
		if created[i] {
			ids = append(ids, a.ID)
		}
	}
	return logArticles(ctx, tx, writer, ids, false)
}

// logArticles moves the data version on, and logs the articles whose
// mentions it added or, when revised, changed.
func logArticles(ctx context.Context, tx pgx.Tx, writer string, ids []int64, revised bool) (int64, error) {
	var v int64
	if err := tx.QueryRow(ctx, `UPDATE meta SET version = version + 1 RETURNING version`).Scan(&v); err != nil {
		return 0, err
	}
	_, err := tx.Exec(ctx, `INSERT INTO changes (version, writer, articles, revised) VALUES ($1, $2, $3, $4)`, v, writer, ids, revised)
	return v, err
}

// Changes returns the current version and the changes after version
// since, from one snapshot of the primary, so that a copy never believes
// itself newer than what it read.
func (s *Store) Changes(ctx context.Context, since int64) (version int64, changes []geo.Change, err error) {
	err = pgx.BeginTxFunc(ctx, s.db, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT version FROM meta`).Scan(&version); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT version, writer, articles, revised FROM changes WHERE version > $1 ORDER BY version`, since)
		if err != nil {
			return err
		}
		var writer string
		var c geo.Change
		_, err = pgx.ForEachRow(rows, []any{&c.Version, &writer, &c.Articles, &c.Revised}, func() error {
			c.Mine = writer == s.writer
			changes = append(changes, c)
			c = geo.Change{}
			return nil
		})
		return err
	})
	if err != nil {
		return 0, nil, failed("changes", err)
	}
	s.saw(version)
	return version, changes, nil
}

// MentionFacts calls fn for each mention of the articles ids (nil: all),
// read from the primary, which has every change that Changes reported.
func (s *Store) MentionFacts(ctx context.Context, ids []int64, fn func(*geo.MentionFact) error) error {
	q := `SELECT m.article_id, ` + storyOf + `, (extract(epoch FROM m.time) * 1000000)::bigint, a.source, m.confidence, m.demonym,
		m.focus, m.reprint, p.id, p.name, p.kind, p.country, ST_X(p.geom), ST_Y(p.geom)
		FROM mentions m JOIN articles a ON a.id = m.article_id JOIN places p ON p.id = m.place_id`
	var args []any
	if ids != nil {
		q += ` WHERE m.article_id = ANY($1)`
		args = append(args, ids)
	}
	var f geo.MentionFact
	return streamFrom(ctx, s.db, "mention facts", q, args, func(rows pgx.Rows) error {
		p := &f.Place
		if err := rows.Scan(&f.ArticleID, &f.Story, &f.Time, &f.Source, &f.Confidence, &f.Demonym,
			&f.Focus, &f.Reprint, &p.ID, &p.Name, &p.Kind, &p.Country, &p.Point[0], &p.Point[1]); err != nil {
			return failed("mention facts", err)
		}
		return fn(&f)
	})
}
