package sqlite

import (
	"context"
	"database/sql"

	"mentionmap/geo"
)

var _ geo.Reviser = (*Store)(nil)

// heldBy is the condition that a correction in force holds mention id.
const heldBy = `EXISTS (SELECT 1 FROM corrections c WHERE c.mention_id = ? AND c.undone_by = 0 AND c.action <> 'undo')`

// HeldSpans lists the spans of the articles' mentions that corrections in
// force hold, in mentions or marked "not a place".
func (s *Store) HeldSpans(ctx context.Context, ids []int64) (map[int64]map[geo.Span]bool, error) {
	out := map[int64]map[geo.Span]bool{}
	err := s.stream(ctx, "corrections", `SELECT DISTINCT c.article_id, m.start, m.end FROM corrections c
		JOIN (SELECT id, start, end FROM mentions UNION ALL SELECT id, start, end FROM removed_mentions) m ON m.id = c.mention_id
		WHERE c.article_id `+inIDs+` AND c.undone_by = 0 AND c.action <> 'undo'`, []any{idList(ids)}, func(rows *sql.Rows) error {
		var article int64
		var sp geo.Span
		if err := rows.Scan(&article, &sp[0], &sp[1]); err != nil {
			return failed("corrections", err)
		}
		if out[article] == nil {
			out[article] = map[geo.Span]bool{}
		}
		out[article][sp] = true
		return nil
	})
	return out, err
}

// ApplyRevisions applies a reparse's revisions in one transaction.
func (s *Store) ApplyRevisions(ctx context.Context, revs []geo.Revision) error {
	var ids []int64
	return s.correcting(ctx, func(tx *sql.Tx) (map[string]int64, error) {
		added, touched := map[string]int64{}, map[int64]bool{}
		for i := range revs {
			if revs[i].Empty() {
				continue
			}
			ids = append(ids, revs[i].Article.ID)
			if err := s.revise(ctx, tx, &revs[i], added, touched); err != nil {
				return nil, err
			}
		}
		if len(ids) == 0 {
			return added, nil
		}
		places := make([]int64, 0, len(touched))
		for id := range touched {
			places = append(places, id)
		}
		if err := recount(ctx, tx, places...); err != nil {
			return nil, err
		}
		return added, logArticles(ctx, tx, s.writer, ids, true)
	})
}

// revise applies one article's revision; touched collects the places
// whose totals change.
func (s *Store) revise(ctx context.Context, tx *sql.Tx, rev *geo.Revision, added map[string]int64, touched map[int64]bool) error {
	for _, id := range rev.Delete {
		m, ok, err := unheld(ctx, tx, id)
		if err != nil {
			return err
		}
		if !ok {
			continue // held by a correction, or gone, since it was read
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM mentions WHERE id = ?`, id); err != nil {
			return err
		}
		touched[m.place] = true
		if err := shiftForm(ctx, tx, m, m.place, -1); err != nil {
			return err
		}
	}
	whys := geo.WhyWriter{}
	for i := range rev.Update {
		nm := &rev.Update[i]
		m, ok, err := unheld(ctx, tx, nm.ID)
		if err != nil {
			return err
		}
		if !ok {
			continue // held by a correction, or gone, since it was read
		}
		to, err := s.placeIn(ctx, tx, &nm.Place, added)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE mentions SET place_id = ?, confidence = ?, why = ? WHERE id = ?`,
				to, nm.Confidence, whys.Stored(nm.Why, nm.Place.Key), nm.ID)
		}
		if err == nil {
			err = shiftForm(ctx, tx, m, m.place, -1)
		}
		if err == nil {
			err = shiftForm(ctx, tx, m, to, 1)
		}
		if err != nil {
			return err
		}
		touched[m.place], touched[to] = true, true
	}
	return s.insertMentions(ctx, tx, rev, whys, added, touched)
}

// insertMentions stores the names a reparse found anew.
func (s *Store) insertMentions(ctx context.Context, tx *sql.Tx, rev *geo.Revision, whys geo.WhyWriter, added map[string]int64, touched map[int64]bool) error {
	a := rev.Article
	for i := range rev.Insert {
		m := &rev.Insert[i]
		to, err := s.placeIn(ctx, tx, &m.Place, added)
		if err != nil {
			return err
		}
		copied, from, end := sentenceSpan(a.Text, m)
		if _, err := tx.ExecContext(ctx, `INSERT INTO mentions (article_id, place_id, start, end, text, sentence, sentence_start,
			sentence_end, confidence, demonym, time, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, to, m.Start, m.End, m.Text, copied, from, end, m.Confidence, m.Demonym, a.Time().Unix(),
			whys.Stored(m.Why, m.Place.Key)); err != nil {
			return err
		}
		touched[to] = true
		if err := shiftForm(ctx, tx, &stored{text: m.Text, demonym: m.Demonym}, to, 1); err != nil {
			return err
		}
	}
	return nil
}

// unheld reads mention id, unless a correction has come to hold it since
// the reparse read it.
func unheld(ctx context.Context, tx *sql.Tx, id int64) (*stored, bool, error) {
	var held bool
	if err := tx.QueryRowContext(ctx, `SELECT `+heldBy, id).Scan(&held); err != nil || held {
		return nil, false, err
	}
	m, err := readMention(ctx, tx, id, "mentions")
	if geo.ErrorCode(err) == geo.ENOTFOUND {
		return nil, false, nil // gone since: nothing to revise
	}
	return m, err == nil, err
}
