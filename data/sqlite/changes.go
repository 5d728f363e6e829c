package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"

	"mentionmap/geo"
)

// logChange moves the data version on and records the articles that
// moved it.
func logChange(ctx context.Context, tx *sql.Tx, writer string, arts []*geo.Article, created []bool) error {
	ids := make([]int64, 0, len(arts))
	for i, a := range arts {
		if created[i] {
			ids = append(ids, a.ID)
		}
	}
	return logArticles(ctx, tx, writer, ids, false)
}

// logArticles moves the data version, and logs the articles whose
// mentions it added or, when revised, changed.
func logArticles(ctx context.Context, tx *sql.Tx, writer string, ids []int64, revised bool) error {
	var v int64
	if err := tx.QueryRowContext(ctx, `UPDATE meta SET version = version + 1 RETURNING version`).Scan(&v); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO changes (version, writer, articles, revised) VALUES (?, ?, ?, ?)`, v, writer, idList(ids), revised)
	return err
}

// Changes returns the current version and the changes after version
// since, read in one transaction so that they agree.
func (s *Store) Changes(ctx context.Context, since int64) (version int64, changes []geo.Change, err error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, nil, failed("changes", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT version FROM meta`).Scan(&version); err != nil {
		return 0, nil, failed("changes", err)
	}
	err = streamOn(ctx, tx, "changes", `SELECT version, writer, articles, revised FROM changes WHERE version > ? ORDER BY version`,
		[]any{since}, func(rows *sql.Rows) error {
			var c geo.Change
			var writer, list string
			if err := rows.Scan(&c.Version, &writer, &list, &c.Revised); err != nil {
				return failed("changes", err)
			}
			if err := json.Unmarshal([]byte(list), &c.Articles); err != nil {
				return failed("changes", err)
			}
			c.Mine = writer == s.writer
			changes = append(changes, c)
			return nil
		})
	if err != nil {
		return 0, nil, err
	}
	return version, changes, nil
}

// MentionFacts calls fn for each mention of the articles ids (nil: all).
// Places and sources are read first, once each, and the mentions as
// numbers only: a million rows of strings would cost seconds. One read
// transaction keeps the three reads consistent.
func (s *Store) MentionFacts(ctx context.Context, ids []int64, fn func(*geo.MentionFact) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return failed("mention facts", err)
	}
	defer tx.Rollback()
	where, args := "", []any(nil)
	if ids != nil {
		where, args = " WHERE m.article_id "+inIDs, []any{idList(ids)}
	}
	places := map[int64]geo.ClusterPoint{}
	err = streamOn(ctx, tx, "mention facts", `SELECT id, name, kind, country, lon, lat FROM places WHERE id IN
		(SELECT DISTINCT m.place_id FROM mentions m`+where+`)`, args, func(rows *sql.Rows) error {
		var p geo.ClusterPoint
		if err := rows.Scan(&p.ID, &p.Name, &p.Kind, &p.Country, &p.Point[0], &p.Point[1]); err != nil {
			return failed("mention facts", err)
		}
		places[p.ID] = p
		return nil
	})
	if err != nil {
		return err
	}
	type article struct {
		source string
		story  int64
	}
	arts := map[int64]article{}
	err = streamOn(ctx, tx, "mention facts", `SELECT a.id, a.source, `+storyOf+` FROM articles a WHERE a.id IN
		(SELECT DISTINCT m.article_id FROM mentions m`+where+`)`, args, func(rows *sql.Rows) error {
		var id int64
		var a article
		if err := rows.Scan(&id, &a.source, &a.story); err != nil {
			return failed("mention facts", err)
		}
		arts[id] = a
		return nil
	})
	if err != nil {
		return err
	}
	var f geo.MentionFact
	var place int64
	return streamOn(ctx, tx, "mention facts", `SELECT m.article_id, m.time * 1000000, m.confidence, m.demonym, m.focus, m.reprint, m.place_id
		FROM mentions m`+where, args, func(rows *sql.Rows) error {
		if err := rows.Scan(&f.ArticleID, &f.Time, &f.Confidence, &f.Demonym, &f.Focus, &f.Reprint, &place); err != nil {
			return failed("mention facts", err)
		}
		a := arts[f.ArticleID]
		f.Source, f.Story, f.Place = a.source, a.story, places[place]
		return fn(&f)
	})
}
