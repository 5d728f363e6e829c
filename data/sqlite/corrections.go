package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

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

// changing runs fn in the writer's transaction and logs the articles whose
// mentions fn revised, so that every cache and process follows.
func (s *Store) changing(ctx context.Context, fn func(geo.MentionTx) ([]int64, error)) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return failed("correct", err)
	}
	defer tx.Rollback()
	t := &mentionTx{s: s, tx: tx, added: map[string]int64{}, whys: geo.WhyWriter{}}
	ids, err := fn(t)
	if err == nil && len(ids) > 0 {
		err = logArticles(ctx, tx, s.writer, ids, true)
	}
	if err == nil {
		err = tx.Commit()
	}
	var ge *geo.Error
	switch {
	case errors.As(err, &ge):
		return err
	case err != nil:
		return failed("correct", err)
	}
	s.remember(t.added)
	return nil
}

// Corrections lists the audit log, newest first.
func (s *Store) Corrections(ctx context.Context, limit, offset int) ([]geo.Correction, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+correctionCols+` FROM corrections ORDER BY id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, failed("corrections", err)
	}
	cs, err := scanCorrections(rows)
	if err != nil {
		return nil, failed("corrections", err)
	}
	return cs, nil
}

const correctionCols = `id, mention_id, article_id, text, action, before, after, who, note, at, undoes, undone_by`

func scanCorrections(rows *sql.Rows) ([]geo.Correction, error) {
	defer rows.Close()
	out := []geo.Correction{}
	for rows.Next() {
		var c geo.Correction
		var before, after, at string
		if err := rows.Scan(&c.ID, &c.MentionID, &c.ArticleID, &c.Text, &c.Action, &before, &after, &c.By, &c.Note,
			&at, &c.Undoes, &c.UndoneBy); err != nil {
			return nil, err
		}
		var err error
		if c.Before, err = geo.ParseFact(before); err == nil {
			c.After, err = geo.ParseFact(after)
		}
		if err == nil {
			c.At, err = time.Parse(time.RFC3339, at)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CorrectionLessons reads what the moves and removals in force teach,
// oldest first.
func (s *Store) CorrectionLessons(ctx context.Context) ([]geo.CorrectionLesson, error) {
	var out []geo.CorrectionLesson
	err := s.stream(ctx, "corrections", `SELECT a.source, COALESCE(a.url, ''), c.text, c.after FROM corrections c
		JOIN articles a ON a.id = c.article_id
		WHERE c.undone_by = 0 AND c.action IN ('move', 'remove') ORDER BY c.id`, nil, func(rows *sql.Rows) error {
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
