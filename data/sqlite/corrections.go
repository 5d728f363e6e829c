package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

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
func (s *Store) Correct(ctx context.Context, c *geo.Correction, to *geo.Place) error {
	if err := c.Validate(to); err != nil {
		return err
	}
	return s.correcting(ctx, func(tx *sql.Tx) (map[string]int64, error) {
		m, err := readMention(ctx, tx, c.MentionID, "mentions")
		if err != nil {
			return nil, err
		}
		c.ArticleID, c.Text, c.Before = m.article, m.text, &m.state
		after := m.state
		added := map[string]int64{}
		switch c.Action {
		case geo.CorrectMove:
			id, err := s.placeIn(ctx, tx, to, added)
			if err == nil {
				err = movePlace(ctx, tx, c.MentionID, m, id)
			}
			if err != nil {
				return nil, err
			}
			after.PlaceKey, after.PlaceName, err = placeKeyName(ctx, tx, id)
			c.After = &after
		case geo.CorrectRemove:
			err = removeMention(ctx, tx, c.MentionID, m)
		case geo.CorrectConfirm:
			after.Confidence = 1
			c.After = &after
			_, err = tx.ExecContext(ctx, `UPDATE mentions SET confidence = 1 WHERE id = ?`, c.MentionID)
		}
		if err == nil {
			err = s.logCorrection(ctx, tx, c)
		}
		return added, err
	})
}

// Undo reverses the last correction of a mention, and logs the undo.
func (s *Store) Undo(ctx context.Context, id int64, by, note string) (*geo.Correction, error) {
	var undo *geo.Correction
	err := s.correcting(ctx, func(tx *sql.Tx) (map[string]int64, error) {
		orig, err := s.undoable(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		undo = &geo.Correction{MentionID: orig.MentionID, ArticleID: orig.ArticleID, Text: orig.Text, Action: geo.CorrectUndo,
			Before: orig.After, After: orig.Before, By: by, Note: note, Undoes: orig.ID}
		if err := s.revert(ctx, tx, orig); err != nil {
			return nil, err
		}
		if err := s.logCorrection(ctx, tx, undo); err != nil {
			return nil, err
		}
		_, err = tx.ExecContext(ctx, `UPDATE corrections SET undone_by = ? WHERE id = ?`, undo.ID, orig.ID)
		return nil, err
	})
	return undo, err
}

// revert puts a corrected mention back as it was before orig.
func (s *Store) revert(ctx context.Context, tx *sql.Tx, orig *geo.Correction) error {
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
		if err := tx.QueryRowContext(ctx, `SELECT id FROM places WHERE key = ?`, orig.Before.PlaceKey).Scan(&back); err != nil {
			return err
		}
		return movePlace(ctx, tx, orig.MentionID, m, back)
	default: // confirm
		_, err := tx.ExecContext(ctx, `UPDATE mentions SET confidence = ? WHERE id = ?`, orig.Before.Confidence, orig.MentionID)
		return err
	}
}

// correcting runs fn in the writer's transaction, logs the article's
// change so that every cache follows, and keeps fn's new places.
func (s *Store) correcting(ctx context.Context, fn func(*sql.Tx) (map[string]int64, error)) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return failed("correct", err)
	}
	defer tx.Rollback()
	added, err := fn(tx)
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
	s.remember(added)
	return nil
}

// undoable reads correction id, and refuses one that cannot be undone.
func (s *Store) undoable(ctx context.Context, tx *sql.Tx, id int64) (*geo.Correction, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+correctionCols+` FROM corrections WHERE id = ?`, id)
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
	if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM corrections WHERE mention_id = ?`, c.MentionID).Scan(&last); err != nil {
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
func (s *Store) logCorrection(ctx context.Context, tx *sql.Tx, c *geo.Correction) error {
	c.At = time.Now().UTC().Truncate(time.Second)
	res, err := tx.ExecContext(ctx, `INSERT INTO corrections (mention_id, article_id, text, action, before, after, who, note, at, undoes)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.MentionID, c.ArticleID, c.Text, c.Action,
		geo.FactJSON(c.Before), geo.FactJSON(c.After), c.By, c.Note, formatTime(c.At), c.Undoes)
	if err == nil {
		c.ID, err = res.LastInsertId()
	}
	if err == nil {
		err = logArticles(ctx, tx, s.writer, []int64{c.ArticleID}, true)
	}
	return err
}

// readMention reads mention id from table (mentions, or removed_mentions).
func readMention(ctx context.Context, tx *sql.Tx, id int64, table string) (*stored, error) {
	var m stored
	err := tx.QueryRowContext(ctx, `SELECT m.article_id, m.place_id, m.text, m.demonym, m.confidence, p.key, p.name
		FROM `+table+` m JOIN places p ON p.id = m.place_id WHERE m.id = ?`, id).
		Scan(&m.article, &m.place, &m.text, &m.demonym, &m.state.Confidence, &m.state.PlaceKey, &m.state.PlaceName)
	if errNoRows(err) {
		return nil, geo.Errorf(geo.ENOTFOUND, "mention %d not found", id)
	}
	return &m, err
}

func placeKeyName(ctx context.Context, tx *sql.Tx, id int64) (key, name string, err error) {
	err = tx.QueryRowContext(ctx, `SELECT key, name FROM places WHERE id = ?`, id).Scan(&key, &name)
	return key, name, err
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
