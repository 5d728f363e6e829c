package geo

import "context"

// Corrections and reparses change stored mentions. What they do is
// written once, here, over the steps of MentionTx, which each store
// implements in its own SQL inside one transaction.

// StoredMention is a stored mention as a correction or a reparse reads it.
type StoredMention struct {
	ArticleID, PlaceID int64
	Text               string
	Demonym            bool
	State              MentionState
}

// MentionTx is a store's transaction, in the steps that change stored
// mentions. Steps do not count totals: the flows call Recount once, with
// every place they touched.
type MentionTx interface {
	// Mention reads and locks mention id, among the stored mentions or,
	// when removed, among those marked "not a place"; ENOTFOUND if absent.
	Mention(ctx context.Context, id int64, removed bool) (*StoredMention, error)
	// Held reports whether a correction in force holds mention id.
	Held(ctx context.Context, id int64) (bool, error)
	// PlaceID returns the id of p, storing p when it is new to the store.
	PlaceID(ctx context.Context, p *Place) (int64, error)
	// PlaceByKey returns the id of a stored place.
	PlaceByKey(ctx context.Context, key string) (int64, error)
	// PlaceName returns the key and name of stored place id.
	PlaceName(ctx context.Context, id int64) (key, name string, err error)
	// SetPlace points mention id at place; with m, it also takes m's
	// confidence and reasons.
	SetPlace(ctx context.Context, id, place int64, m *Mention) error
	// SetConfidence sets mention id's confidence.
	SetConfidence(ctx context.Context, id int64, c float64) error
	// Remove marks mention id "not a place", keeping it whole; Restore
	// brings it back; Delete drops it.
	Remove(ctx context.Context, id int64) error
	Restore(ctx context.Context, id int64) error
	Delete(ctx context.Context, id int64) error
	// Insert stores a new mention of a, of place.
	Insert(ctx context.Context, a *Article, m *Mention, place int64) error
	// ShiftForm adds delta to how often place's mentions write form.
	ShiftForm(ctx context.Context, place int64, form string, delta int) error
	// Recount counts the totals of places again from their mentions, and
	// names them again after their forms (names.go).
	Recount(ctx context.Context, places []int64) error
	// Correction reads and locks correction id; ENOTFOUND if absent.
	Correction(ctx context.Context, id int64) (*Correction, error)
	// LastCorrection returns the id of the newest correction of a mention.
	LastCorrection(ctx context.Context, mention int64) (int64, error)
	// Log appends c to the audit log, setting its ID and At; MarkUndone
	// records that undo reversed correction id.
	Log(ctx context.Context, c *Correction) error
	MarkUndone(ctx context.Context, id, undo int64) error
}

// ApplyCorrection applies c to its mention in tx and logs it, filling c.
// c must be valid (Validate).
func ApplyCorrection(ctx context.Context, tx MentionTx, c *Correction, to *Place) error {
	m, err := tx.Mention(ctx, c.MentionID, false)
	if err != nil {
		return err
	}
	c.ArticleID, c.Text, c.Before = m.ArticleID, m.Text, &m.State
	after := m.State
	touched := []int64{m.PlaceID}
	var moved int64
	switch c.Action {
	case CorrectMove:
		if moved, err = tx.PlaceID(ctx, to); err == nil {
			err = move(ctx, tx, c.MentionID, m, moved, nil)
		}
		c.After, touched = &after, append(touched, moved)
	case CorrectRemove:
		if err = tx.Remove(ctx, c.MentionID); err == nil {
			err = shift(ctx, tx, m.Text, m.Demonym, m.PlaceID, -1)
		}
	case CorrectConfirm:
		after.Confidence, c.After = 1, &after
		err = tx.SetConfidence(ctx, c.MentionID, 1)
	}
	if err == nil {
		err = tx.Recount(ctx, touched)
	}
	if err == nil && c.Action == CorrectMove { // named after the recount, which may rename it
		after.PlaceKey, after.PlaceName, err = tx.PlaceName(ctx, moved)
	}
	if err == nil {
		err = tx.Log(ctx, c)
	}
	return err
}

// ApplyUndo reverses correction id, which must be the last of its mention
// and not undone, and logs the undo; ECONFLICT otherwise.
func ApplyUndo(ctx context.Context, tx MentionTx, id int64, by, note string) (*Correction, error) {
	orig, err := undoable(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	undo := &Correction{MentionID: orig.MentionID, ArticleID: orig.ArticleID, Text: orig.Text, Action: CorrectUndo,
		Before: orig.After, After: orig.Before, By: by, Note: note, Undoes: orig.ID}
	touched, err := revert(ctx, tx, orig)
	if err == nil {
		err = tx.Recount(ctx, touched)
	}
	if err == nil {
		err = tx.Log(ctx, undo)
	}
	if err == nil {
		err = tx.MarkUndone(ctx, orig.ID, undo.ID)
	}
	return undo, err
}

// undoable reads correction id, and refuses one that cannot be undone.
func undoable(ctx context.Context, tx MentionTx, id int64) (*Correction, error) {
	c, err := tx.Correction(ctx, id)
	if err != nil {
		return nil, err
	}
	last, err := tx.LastCorrection(ctx, c.MentionID)
	switch {
	case err != nil:
		return nil, err
	case c.Action == CorrectUndo:
		return nil, Errorf(ECONFLICT, "correction %d is an undo: correct the mention again instead", id)
	case c.UndoneBy != 0:
		return nil, Errorf(ECONFLICT, "correction %d was undone by %d", id, c.UndoneBy)
	case last != id:
		return nil, Errorf(ECONFLICT, "mention %d was corrected again since (correction %d): undo that first", c.MentionID, last)
	}
	return c, nil
}

// revert puts a corrected mention back as it was before orig, and returns
// the places it touched.
func revert(ctx context.Context, tx MentionTx, orig *Correction) ([]int64, error) {
	id := orig.MentionID
	switch orig.Action {
	case CorrectRemove:
		m, err := tx.Mention(ctx, id, true)
		if err == nil {
			err = tx.Restore(ctx, id)
		}
		if err == nil {
			err = shift(ctx, tx, m.Text, m.Demonym, m.PlaceID, 1)
		}
		if err != nil {
			return nil, err
		}
		return []int64{m.PlaceID}, nil
	case CorrectMove:
		m, err := tx.Mention(ctx, id, false)
		var back int64
		if err == nil {
			back, err = tx.PlaceByKey(ctx, orig.Before.PlaceKey)
		}
		if err == nil {
			err = move(ctx, tx, id, m, back, nil)
		}
		if err != nil {
			return nil, err
		}
		return []int64{m.PlaceID, back}, nil
	default: // confirm
		return nil, tx.SetConfidence(ctx, id, orig.Before.Confidence)
	}
}

// ApplyRevision applies a reparse's revision of one article in tx, and
// adds the places it touches to touched. A mention that a correction has
// come to hold, or that has gone, since the reparse read it is left alone.
func ApplyRevision(ctx context.Context, tx MentionTx, rev *Revision, touched map[int64]bool) error {
	for _, id := range rev.Delete {
		m, err := unheld(ctx, tx, id)
		if err == nil && m != nil {
			touched[m.PlaceID] = true
			if err = tx.Delete(ctx, id); err == nil {
				err = shift(ctx, tx, m.Text, m.Demonym, m.PlaceID, -1)
			}
		}
		if err != nil {
			return err
		}
	}
	for i := range rev.Update {
		nm := &rev.Update[i]
		m, err := unheld(ctx, tx, nm.ID)
		if err != nil || m == nil {
			if err != nil {
				return err
			}
			continue
		}
		to, err := tx.PlaceID(ctx, &nm.Place)
		if err == nil {
			err = move(ctx, tx, nm.ID, m, to, nm)
		}
		if err != nil {
			return err
		}
		touched[m.PlaceID], touched[to] = true, true
	}
	for i := range rev.Insert {
		m := &rev.Insert[i]
		to, err := tx.PlaceID(ctx, &m.Place)
		if err == nil {
			err = tx.Insert(ctx, rev.Article, m, to)
		}
		if err == nil {
			err = shift(ctx, tx, m.Text, m.Demonym, to, 1)
		}
		if err != nil {
			return err
		}
		touched[to] = true
	}
	return nil
}

// unheld reads mention id, or returns nil when a correction holds it or
// it has gone.
func unheld(ctx context.Context, tx MentionTx, id int64) (*StoredMention, error) {
	held, err := tx.Held(ctx, id)
	if err != nil || held {
		return nil, err
	}
	m, err := tx.Mention(ctx, id, false)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil
	}
	return m, err
}

// move points mention id, now m, at place to, with nm's confidence and
// reasons when given, and moves its form's count along.
func move(ctx context.Context, tx MentionTx, id int64, m *StoredMention, to int64, nm *Mention) error {
	err := tx.SetPlace(ctx, id, to, nm)
	if err == nil {
		err = shift(ctx, tx, m.Text, m.Demonym, m.PlaceID, -1)
	}
	if err == nil {
		err = shift(ctx, tx, m.Text, m.Demonym, to, 1)
	}
	return err
}

// shift counts a mention's known form (KnownForm) delta times more at place.
func shift(ctx context.Context, tx MentionTx, text string, demonym bool, place int64, delta int) error {
	form, ok := KnownForm(&Mention{Text: text, Demonym: demonym})
	if !ok {
		return nil
	}
	return tx.ShiftForm(ctx, place, form, delta)
}

// TxRunner runs fn in one of a store's transactions, and logs the
// articles fn returns as revised (Change.Revised), so that every cache
// and process follows.
type TxRunner func(ctx context.Context, fn func(MentionTx) (articles []int64, err error)) error

// RunCorrection checks c and applies it in a transaction of run.
func RunCorrection(ctx context.Context, run TxRunner, c *Correction, to *Place) error {
	if err := c.Validate(to); err != nil {
		return err
	}
	return run(ctx, func(tx MentionTx) ([]int64, error) {
		if err := ApplyCorrection(ctx, tx, c, to); err != nil {
			return nil, err
		}
		return []int64{c.ArticleID}, nil
	})
}

// RunUndo undoes correction id in a transaction of run.
func RunUndo(ctx context.Context, run TxRunner, id int64, by, note string) (*Correction, error) {
	var undo *Correction
	err := run(ctx, func(tx MentionTx) ([]int64, error) {
		var err error
		if undo, err = ApplyUndo(ctx, tx, id, by, note); err != nil {
			return nil, err
		}
		return []int64{undo.ArticleID}, nil
	})
	return undo, err
}

// RunRevisions applies a reparse's revisions in one transaction of run,
// and counts the totals of the places they touch once.
func RunRevisions(ctx context.Context, run TxRunner, revs []Revision) error {
	return run(ctx, func(tx MentionTx) ([]int64, error) {
		var ids, places []int64
		touched := map[int64]bool{}
		for i := range revs {
			if revs[i].Empty() {
				continue
			}
			ids = append(ids, revs[i].Article.ID)
			if err := ApplyRevision(ctx, tx, &revs[i], touched); err != nil {
				return nil, err
			}
		}
		for id := range touched {
			places = append(places, id)
		}
		if err := tx.Recount(ctx, places); err != nil {
			return nil, err
		}
		return ids, nil
	})
}
