package postgis

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// mentionTx is a transaction as corrections and reparses change stored
// mentions (geo.MentionTx). Rows are locked as they are read, so two
// corrections of one mention at once take turns, and both are logged.
type mentionTx struct {
	tx   pgx.Tx
	whys geo.WhyWriter
}

var _ geo.MentionTx = (*mentionTx)(nil)

// Mention locks the row alone, not through a join: a row that another
// correction moved is read again after that one commits, and a join on
// its old place would then lose it.
func (t *mentionTx) Mention(ctx context.Context, id int64, removed bool) (*geo.StoredMention, error) {
	table := "mentions"
	if removed {
		table = "removed_mentions"
	}
	var m geo.StoredMention
	err := t.tx.QueryRow(ctx, `SELECT article_id, place_id, text, demonym, confidence FROM `+table+` WHERE id = $1 FOR UPDATE`, id).
		Scan(&m.ArticleID, &m.PlaceID, &m.Text, &m.Demonym, &m.State.Confidence)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, geo.Errorf(geo.ENOTFOUND, "mention %d not found", id)
	}
	if err == nil {
		m.State.PlaceKey, m.State.PlaceName, err = t.PlaceName(ctx, m.PlaceID)
	}
	return &m, err
}

func (t *mentionTx) Held(ctx context.Context, id int64) (bool, error) {
	var held bool
	err := t.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM corrections WHERE mention_id = $1 AND undone_by = 0 AND action <> 'undo')`, id).Scan(&held)
	return held, err
}

func (t *mentionTx) PlaceID(ctx context.Context, p *geo.Place) (int64, error) {
	if err := t.exec(ctx, insertPlaceSQL, placeRow(p)...); err != nil {
		return 0, err
	}
	return t.PlaceByKey(ctx, p.Key)
}

func (t *mentionTx) PlaceByKey(ctx context.Context, key string) (int64, error) {
	var id int64
	err := t.tx.QueryRow(ctx, `SELECT id FROM places WHERE key = $1`, key).Scan(&id)
	return id, err
}

func (t *mentionTx) PlaceName(ctx context.Context, id int64) (key, name string, err error) {
	err = t.tx.QueryRow(ctx, `SELECT key, name FROM places WHERE id = $1`, id).Scan(&key, &name)
	return key, name, err
}

func (t *mentionTx) SetPlace(ctx context.Context, id, place int64, m *geo.Mention) error {
	article, was, found, err := t.pairOf(ctx, id)
	if err != nil || !found {
		return err
	}
	if m == nil {
		err = t.exec(ctx, `UPDATE mentions SET place_id = $1 WHERE id = $2`, place, id)
	} else {
		err = t.exec(ctx, `UPDATE mentions SET place_id = $1, confidence = $2, why = $3, focus = $5 WHERE id = $4`,
			place, m.Confidence, t.whys.Stored(m.Why, m.Place.Key), id, m.Focus)
	}
	if err == nil {
		err = t.sync(ctx, article, was)
	}
	if err == nil {
		err = t.sync(ctx, article, place)
	}
	return err
}

func (t *mentionTx) SetConfidence(ctx context.Context, id int64, c float64) error {
	return t.exec(ctx, `UPDATE mentions SET confidence = $1 WHERE id = $2`, c, id)
}

func (t *mentionTx) Remove(ctx context.Context, id int64) error {
	return t.leave(ctx, id, `WITH gone AS (DELETE FROM mentions WHERE id = $1 RETURNING *) INSERT INTO removed_mentions SELECT * FROM gone`)
}

func (t *mentionTx) Restore(ctx context.Context, id int64) error {
	if err := t.exec(ctx, `WITH back AS (DELETE FROM removed_mentions WHERE id = $1 RETURNING *) INSERT INTO mentions SELECT * FROM back`, id); err != nil {
		return err
	}
	article, place, found, err := t.pairOf(ctx, id)
	if err != nil || !found {
		return err
	}
	return t.sync(ctx, article, place)
}

func (t *mentionTx) Delete(ctx context.Context, id int64) error {
	return t.leave(ctx, id, `DELETE FROM mentions WHERE id = $1`)
}

// leave runs q, which takes mention id out of mentions, and syncs the
// pair that it leaves.
func (t *mentionTx) leave(ctx context.Context, id int64, q string) error {
	article, place, found, err := t.pairOf(ctx, id)
	if err != nil || !found {
		return err
	}
	if err := t.exec(ctx, q, id); err != nil {
		return err
	}
	return t.sync(ctx, article, place)
}

func (t *mentionTx) Insert(ctx context.Context, a *geo.Article, m *geo.Mention, place int64) error {
	copied, from, to := geo.StoredSentence(a.Text, m)
	err := t.exec(ctx, `INSERT INTO mentions (article_id, place_id, start, "end", text, sentence, sentence_start, sentence_end,
			confidence, demonym, time, why, focus, reprint)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		a.ID, place, m.Start, m.End, m.Text, copied, from, to, m.Confidence, m.Demonym, a.Time(), t.whys.Stored(m.Why, m.Place.Key),
		m.Focus, a.Reprint())
	if err != nil {
		return err
	}
	return t.sync(ctx, a.ID, place)
}

// pairOf returns the article and place of stored mention id; found is
// false when there is no such mention, which changes nothing to sync.
func (t *mentionTx) pairOf(ctx context.Context, id int64) (article, place int64, found bool, err error) {
	err = t.tx.QueryRow(ctx, `SELECT article_id, place_id FROM mentions WHERE id = $1`, id).Scan(&article, &place)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, 0, false, nil
	}
	return article, place, err == nil, err
}

// sync makes place_articles hold the pair of article and place when the
// article still mentions the place, and not otherwise.
func (t *mentionTx) sync(ctx context.Context, article, place int64) error {
	const mentioned = `EXISTS (SELECT 1 FROM mentions WHERE article_id = $1 AND place_id = $2)`
	return t.exec(ctx, `WITH gone AS (DELETE FROM place_articles WHERE place_id = $2 AND article_id = $1
			AND time = (SELECT time FROM articles WHERE id = $1) AND NOT `+mentioned+`)
		INSERT INTO place_articles (place_id, time, article_id) SELECT $2, time, $1 FROM articles WHERE id = $1 AND `+mentioned+`
		ON CONFLICT DO NOTHING`, article, place)
}

func (t *mentionTx) ShiftForm(ctx context.Context, place int64, form string, delta int) error {
	if err := t.exec(ctx, `INSERT INTO place_forms AS f (place_id, form, n) VALUES ($1, $2, $3)
		ON CONFLICT (place_id, form) DO UPDATE SET n = f.n + EXCLUDED.n`, place, form, delta); err != nil {
		return err
	}
	return t.exec(ctx, `DELETE FROM place_forms WHERE place_id = $1 AND n <= 0`, place)
}

func (t *mentionTx) Recount(ctx context.Context, places []int64) error {
	if err := recount(ctx, t.tx, places...); err != nil {
		return err
	}
	return renamePlaces(ctx, t.tx, places)
}

func (t *mentionTx) Correction(ctx context.Context, id int64) (*geo.Correction, error) {
	rows, err := t.tx.Query(ctx, `SELECT `+correctionCols+` FROM corrections WHERE id = $1 FOR UPDATE`, id)
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
	return &cs[0], nil
}

func (t *mentionTx) LastCorrection(ctx context.Context, mention int64) (int64, error) {
	var last int64
	err := t.tx.QueryRow(ctx, `SELECT max(id) FROM corrections WHERE mention_id = $1`, mention).Scan(&last)
	return last, err
}

func (t *mentionTx) Log(ctx context.Context, c *geo.Correction) error {
	err := t.tx.QueryRow(ctx, `INSERT INTO corrections (mention_id, article_id, text, action, before, after, who, note, at, undoes)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, date_trunc('second', now()), $9) RETURNING id, at`,
		c.MentionID, c.ArticleID, c.Text, c.Action, geo.FactJSON(c.Before), geo.FactJSON(c.After), c.By, c.Note, c.Undoes).Scan(&c.ID, &c.At)
	c.At = c.At.UTC()
	return err
}

func (t *mentionTx) MarkUndone(ctx context.Context, id, undo int64) error {
	return t.exec(ctx, `UPDATE corrections SET undone_by = $1 WHERE id = $2`, undo, id)
}

func (t *mentionTx) exec(ctx context.Context, q string, args ...any) error {
	_, err := t.tx.Exec(ctx, q, args...)
	return err
}
