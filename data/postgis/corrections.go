package postgis

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

var _ geo.CorrectionStore = (*Store)(nil)

// Correct applies and logs an analyst's correction in one transaction.
func (s *Store) Correct(ctx context.Context, c *geo.Correction, to *geo.Place) error {
	return geo.RunCorrection(ctx, s.changing, c, to)
}

// Undo reverses the last correction of a mention, and logs the undo.
func (s *Store) Undo(ctx context.Context, id int64, by, note string) (*geo.Correction, error) {
	return geo.RunUndo(ctx, s.changing, id, by, note)
}

// changing runs fn in a transaction that logs the articles whose mentions
// fn revised, so that every process's caches follow, and tries again on a
// deadlock.
func (s *Store) changing(ctx context.Context, fn func(geo.MentionTx) ([]int64, error)) error {
	var version int64
	var err error
	for try := 0; try < 5; try++ {
		err = pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
			ids, err := fn(&mentionTx{tx: tx, whys: geo.WhyWriter{}})
			if err == nil && len(ids) > 0 {
				version, err = logArticles(ctx, tx, s.writer, ids, true)
			}
			return err
		})
		if !retryable(err) {
			break
		}
	}
	var ge *geo.Error
	switch {
	case errors.As(err, &ge):
		return err
	case err != nil:
		return failed("correct", err)
	}
	if version > 0 {
		s.saw(version) // this process reads its own writes
		s.version.wrote(version)
	}
	return nil
}

// Corrections lists the audit log, newest first, from the primary.
func (s *Store) Corrections(ctx context.Context, limit, offset int) ([]geo.Correction, error) {
	rows, err := s.db.Query(ctx, `SELECT `+correctionCols+` FROM corrections ORDER BY id DESC LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, failed("corrections", err)
	}
	cs, err := scanCorrections(rows)
	if err != nil {
		return nil, failed("corrections", err)
	}
	return cs, nil
}

const correctionCols = `id, mention_id, article_id, text, action, before::text, after::text, who, note, at, undoes, undone_by`

func scanCorrections(rows pgx.Rows) ([]geo.Correction, error) {
	defer rows.Close()
	out := []geo.Correction{}
	for rows.Next() {
		var c geo.Correction
		var before, after string
		if err := rows.Scan(&c.ID, &c.MentionID, &c.ArticleID, &c.Text, &c.Action, &before, &after, &c.By, &c.Note,
			&c.At, &c.Undoes, &c.UndoneBy); err != nil {
			return nil, err
		}
		var err error
		if c.Before, err = geo.ParseFact(before); err == nil {
			c.After, err = geo.ParseFact(after)
		}
		if err != nil {
			return nil, err
		}
		c.At = c.At.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// CorrectionLessons reads what the moves and removals in force teach,
// oldest first, from the primary.
func (s *Store) CorrectionLessons(ctx context.Context) ([]geo.CorrectionLesson, error) {
	var out []geo.CorrectionLesson
	err := streamFrom(ctx, s.db, "corrections", `SELECT a.source, COALESCE(a.url, ''), c.text, c.after::text FROM corrections c
		JOIN articles a ON a.id = c.article_id
		WHERE c.undone_by = 0 AND c.action IN ('move', 'remove') ORDER BY c.id`, nil, func(rows pgx.Rows) error {
		var source, url, text, after string
		if err := rows.Scan(&source, &url, &text, &after); err != nil {
			return failed("corrections", err)
		}
		st, err := geo.ParseFact(after)
		if err != nil {
			return err
		}
		out = append(out, geo.LessonOf(source, url, text, st))
		return nil
	})
	return out, err
}
