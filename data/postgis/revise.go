package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

var _ geo.Reviser = (*Store)(nil)

// HeldSpans lists the spans of the articles' mentions that corrections in
// force hold, in mentions or marked "not a place".
func (s *Store) HeldSpans(ctx context.Context, ids []int64) (map[int64]map[geo.Span]bool, error) {
	out := map[int64]map[geo.Span]bool{}
	err := streamFrom(ctx, s.db, "corrections", `SELECT DISTINCT c.article_id, m.start, m."end" FROM corrections c
		JOIN (SELECT id, start, "end" FROM mentions UNION ALL SELECT id, start, "end" FROM removed_mentions) m ON m.id = c.mention_id
		WHERE c.article_id = ANY($1) AND c.undone_by = 0 AND c.action <> 'undo'`, []any{ids}, func(rows pgx.Rows) error {
		var article int64
		var start, end int32
		if err := rows.Scan(&article, &start, &end); err != nil {
			return failed("corrections", err)
		}
		if out[article] == nil {
			out[article] = map[geo.Span]bool{}
		}
		out[article][geo.Span{int(start), int(end)}] = true
		return nil
	})
	return out, err
}

// ApplyRevisions applies a reparse's revisions in one transaction.
func (s *Store) ApplyRevisions(ctx context.Context, revs []geo.Revision) error {
	return s.correcting(ctx, func(tx pgx.Tx) error {
		var ids []int64
		touched := map[int64]bool{}
		for i := range revs {
			if revs[i].Empty() {
				continue
			}
			ids = append(ids, revs[i].Article.ID)
			if err := revise(ctx, tx, &revs[i], touched); err != nil {
				return err
			}
		}
		if len(ids) == 0 {
			return nil
		}
		places := make([]int64, 0, len(touched))
		for id := range touched {
			places = append(places, id)
		}
		if err := recount(ctx, tx, places...); err != nil {
			return err
		}
		_, err := logArticles(ctx, tx, s.writer, ids, true)
		return err
	})
}

// revise applies one article's revision; touched collects the places
// whose totals change.
func revise(ctx context.Context, tx pgx.Tx, rev *geo.Revision, touched map[int64]bool) error {
	for _, id := range rev.Delete {
		m, ok, err := unheld(ctx, tx, id)
		if err != nil {
			return err
		}
		if !ok {
			continue // held by a correction, or gone, since it was read
		}
		if _, err := tx.Exec(ctx, `DELETE FROM mentions WHERE id = $1`, id); err != nil {
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
		to, err := placeIn(ctx, tx, &nm.Place)
		if err == nil {
			_, err = tx.Exec(ctx, `UPDATE mentions SET place_id = $1, confidence = $2, why = $3 WHERE id = $4`,
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
	a := rev.Article
	for i := range rev.Insert {
		m := &rev.Insert[i]
		to, err := placeIn(ctx, tx, &m.Place)
		if err == nil {
			_, err = tx.Exec(ctx, `INSERT INTO mentions (article_id, place_id, start, "end", text, sentence, confidence, demonym, time, why)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				a.ID, to, m.Start, m.End, m.Text, m.Sentence, m.Confidence, m.Demonym, a.Time(), whys.Stored(m.Why, m.Place.Key))
		}
		if err == nil {
			err = shiftForm(ctx, tx, &stored{text: m.Text, demonym: m.Demonym}, to, 1)
		}
		if err != nil {
			return err
		}
		touched[to] = true
	}
	return nil
}

// unheld reads and locks mention id, unless a correction has come to hold
// it, or it has gone, since the reparse read it.
func unheld(ctx context.Context, tx pgx.Tx, id int64) (*stored, bool, error) {
	var held bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM corrections WHERE mention_id = $1 AND undone_by = 0 AND action <> 'undo')`, id).Scan(&held)
	if err != nil || held {
		return nil, false, err
	}
	m, err := readMention(ctx, tx, id, "mentions")
	if geo.ErrorCode(err) == geo.ENOTFOUND {
		return nil, false, nil
	}
	return m, err == nil, err
}
