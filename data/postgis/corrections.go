package postgis

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

var _ geo.CorrectionStore = (*Store)(nil)

// stored is a mention as a correction reads it.
type stored struct {
	article, place int64
	text           string
	demonym        bool
	state          geo.MentionState
}

// Correct applies and logs an analyst's correction in one transaction.
// The mention's row lock orders two corrections of it at once: both are
// logged, and the later wins.
func (s *Store) Correct(ctx context.Context, c *geo.Correction, to *geo.Place) error {
	if err := c.Validate(to); err != nil {
		return err
	}
	return s.correcting(ctx, func(tx pgx.Tx) error {
		m, err := readMention(ctx, tx, c.MentionID, "mentions")
		if err != nil {
			return err
		}
		c.ArticleID, c.Text, c.Before = m.article, m.text, &m.state
		after := m.state
		switch c.Action {
		case geo.CorrectMove:
			id, err := placeIn(ctx, tx, to)
			if err == nil {
				err = movePlace(ctx, tx, c.MentionID, m, id)
			}
			if err == nil {
				err = tx.QueryRow(ctx, `SELECT key, name FROM places WHERE id = $1`, id).Scan(&after.PlaceKey, &after.PlaceName)
			}
			if err != nil {
				return err
			}
			c.After = &after
		case geo.CorrectRemove:
			err = removeMention(ctx, tx, c.MentionID, m)
		case geo.CorrectConfirm:
			after.Confidence = 1
			c.After = &after
			_, err = tx.Exec(ctx, `UPDATE mentions SET confidence = 1 WHERE id = $1`, c.MentionID)
		}
		if err != nil {
			return err
		}
		return s.logCorrection(ctx, tx, c)
	})
}

// Undo reverses the last correction of a mention, and logs the undo.
func (s *Store) Undo(ctx context.Context, id int64, by, note string) (*geo.Correction, error) {
	var undo *geo.Correction
	err := s.correcting(ctx, func(tx pgx.Tx) error {
		orig, err := undoable(ctx, tx, id)
		if err != nil {
			return err
		}
		undo = &geo.Correction{MentionID: orig.MentionID, ArticleID: orig.ArticleID, Text: orig.Text, Action: geo.CorrectUndo,
			Before: orig.After, After: orig.Before, By: by, Note: note, Undoes: orig.ID}
		if err := revert(ctx, tx, orig); err != nil {
			return err
		}
		if err := s.logCorrection(ctx, tx, undo); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE corrections SET undone_by = $1 WHERE id = $2`, undo.ID, orig.ID)
		return err
	})
	return undo, err
}

// revert puts a corrected mention back as it was before orig.
func revert(ctx context.Context, tx pgx.Tx, orig *geo.Correction) error {
	switch orig.Action {
	case geo.CorrectRemove:
		m, err := readMention(ctx, tx, orig.MentionID, "removed_mentions")
		if err != nil {
			return err
		}
		return restoreMention(ctx, tx, orig.MentionID, m)
	case geo.CorrectMove:
		m, err := readMention(ctx, tx, orig.MentionID, "mentions")
		if err != nil {
			return err
		}
		var back int64
		if err := tx.QueryRow(ctx, `SELECT id FROM places WHERE key = $1`, orig.Before.PlaceKey).Scan(&back); err != nil {
			return err
		}
		return movePlace(ctx, tx, orig.MentionID, m, back)
	default: // confirm
		_, err := tx.Exec(ctx, `UPDATE mentions SET confidence = $1 WHERE id = $2`, orig.Before.Confidence, orig.MentionID)
		return err
	}
}

// correcting runs fn in a transaction that logs the article's change, so
// that every process's caches follow, and tries again on a deadlock.
func (s *Store) correcting(ctx context.Context, fn func(pgx.Tx) error) error {
	var version int64
	var err error
	for try := 0; try < 5; try++ {
		err = pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			return tx.QueryRow(ctx, `SELECT version FROM meta`).Scan(&version)
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
	s.saw(version) // this process reads its own writes
	s.version.wrote(version)
	return nil
}

// undoable reads correction id, locked, and refuses one that cannot be
// undone.
func undoable(ctx context.Context, tx pgx.Tx, id int64) (*geo.Correction, error) {
	rows, err := tx.Query(ctx, `SELECT `+correctionCols+` FROM corrections WHERE id = $1 FOR UPDATE`, id)
	if err != nil {
		return nil, err
	}
	cs, err := scanCorrections(rows)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, geo.Errorf(geo.ENOTFOUND, "correction %d not found", id)
	}
	c := &cs[0]
	var last int64
	if err := tx.QueryRow(ctx, `SELECT max(id) FROM corrections WHERE mention_id = $1`, c.MentionID).Scan(&last); err != nil {
		return nil, err
	}
	switch {
	case c.Action == geo.CorrectUndo:
		return nil, geo.Errorf(geo.ECONFLICT, "correction %d is an undo: correct the mention again instead", id)
	case c.UndoneBy != 0:
		return nil, geo.Errorf(geo.ECONFLICT, "correction %d was undone by %d", id, c.UndoneBy)
	case last != id:
		return nil, geo.Errorf(geo.ECONFLICT, "mention %d was corrected again since (correction %d): undo that first", c.MentionID, last)
	}
	return c, nil
}

// logCorrection appends c to the audit log and the article's change.
func (s *Store) logCorrection(ctx context.Context, tx pgx.Tx, c *geo.Correction) error {
	err := tx.QueryRow(ctx, `INSERT INTO corrections (mention_id, article_id, text, action, before, after, who, note, at, undoes)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, date_trunc('second', now()), $9) RETURNING id, at`,
		c.MentionID, c.ArticleID, c.Text, c.Action, geo.FactJSON(c.Before), geo.FactJSON(c.After), c.By, c.Note, c.Undoes).Scan(&c.ID, &c.At)
	if err != nil {
		return err
	}
	c.At = c.At.UTC()
	_, err = logArticles(ctx, tx, s.writer, []int64{c.ArticleID}, true)
	return err
}

// readMention reads mention id from table (mentions, or removed_mentions),
// and locks it. The lock is taken alone, not through a join: a row that
// another correction moved is read again after that one commits, and a
// join on its old place would then lose it.
func readMention(ctx context.Context, tx pgx.Tx, id int64, table string) (*stored, error) {
	var m stored
	err := tx.QueryRow(ctx, `SELECT article_id, place_id, text, demonym, confidence FROM `+table+` WHERE id = $1 FOR UPDATE`, id).
		Scan(&m.article, &m.place, &m.text, &m.demonym, &m.state.Confidence)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, geo.Errorf(geo.ENOTFOUND, "mention %d not found", id)
	}
	if err == nil {
		err = tx.QueryRow(ctx, `SELECT key, name FROM places WHERE id = $1`, m.place).Scan(&m.state.PlaceKey, &m.state.PlaceName)
	}
	return &m, err
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
