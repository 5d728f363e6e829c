package sqlite

import (
	"context"
	"database/sql"
	"time"

	"mentionmap/geo"
)

// mentionTx is the writer's transaction as corrections and reparses
// change stored mentions (geo.MentionTx).
type mentionTx struct {
	s     *Store
	tx    *sql.Tx
	added map[string]int64 // places it stored, for the store's cache after commit
	whys  geo.WhyWriter
}

var _ geo.MentionTx = (*mentionTx)(nil)

func (t *mentionTx) Mention(ctx context.Context, id int64, removed bool) (*geo.StoredMention, error) {
	table := "mentions"
	if removed {
		table = "removed_mentions"
	}
	var m geo.StoredMention
	err := t.tx.QueryRowContext(ctx, `SELECT m.article_id, m.place_id, m.text, m.demonym, m.confidence, p.key, p.name
		FROM `+table+` m JOIN places p ON p.id = m.place_id WHERE m.id = ?`, id).
		Scan(&m.ArticleID, &m.PlaceID, &m.Text, &m.Demonym, &m.State.Confidence, &m.State.PlaceKey, &m.State.PlaceName)
	if errNoRows(err) {
		return nil, geo.Errorf(geo.ENOTFOUND, "mention %d not found", id)
	}
	return &m, err
}

func (t *mentionTx) Held(ctx context.Context, id int64) (bool, error) {
	var held bool
	err := t.tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM corrections WHERE mention_id = ? AND undone_by = 0 AND action <> 'undo')`, id).Scan(&held)
	return held, err
}

func (t *mentionTx) PlaceID(ctx context.Context, p *geo.Place) (int64, error) {
	id, err := t.PlaceByKey(ctx, p.Key)
	if !errNoRows(err) {
		return id, err
	}
	res, err := t.tx.ExecContext(ctx, addPlaceSQL, placeRow(p)...)
	if err == nil {
		id, err = res.LastInsertId()
	}
	if err != nil {
		return 0, err
	}
	x, y := p.Point.Lon(), p.Point.Lat()
	if _, err := t.tx.ExecContext(ctx, addRTreeSQL, id, x, x, y, y); err != nil {
		return 0, err
	}
	t.added[p.Key] = id
	return id, nil
}

func (t *mentionTx) PlaceByKey(ctx context.Context, key string) (int64, error) {
	var id int64
	err := t.tx.QueryRowContext(ctx, `SELECT id FROM places WHERE key = ?`, key).Scan(&id)
	return id, err
}

func (t *mentionTx) PlaceName(ctx context.Context, id int64) (key, name string, err error) {
	err = t.tx.QueryRowContext(ctx, `SELECT key, name FROM places WHERE id = ?`, id).Scan(&key, &name)
	return key, name, err
}

func (t *mentionTx) SetPlace(ctx context.Context, id, place int64, m *geo.Mention) error {
	was, found, err := t.pairOf(ctx, id)
	if err != nil {
		return err
	}
	if m == nil {
		err = t.exec(ctx, `UPDATE mentions SET place_id = ? WHERE id = ?`, place, id)
	} else {
		err = t.exec(ctx, `UPDATE mentions SET place_id = ?, confidence = ?, why = ?, focus = ? WHERE id = ?`,
			place, m.Confidence, t.whys.Stored(m.Why, m.Place.Key), m.Focus, id)
	}
	if err != nil || !found {
		return err
	}
	now := was
	now.place = place
	return t.sync(ctx, was, now)
}

func (t *mentionTx) SetConfidence(ctx context.Context, id int64, c float64) error {
	return t.exec(ctx, `UPDATE mentions SET confidence = ? WHERE id = ?`, c, id)
}

func (t *mentionTx) Remove(ctx context.Context, id int64) error {
	if err := t.exec(ctx, `INSERT INTO removed_mentions SELECT * FROM mentions WHERE id = ?`, id); err != nil {
		return err
	}
	return t.Delete(ctx, id)
}

func (t *mentionTx) Restore(ctx context.Context, id int64) error {
	if err := t.exec(ctx, `INSERT INTO mentions SELECT * FROM removed_mentions WHERE id = ?`, id); err != nil {
		return err
	}
	if err := t.syncMention(ctx, id); err != nil {
		return err
	}
	return t.exec(ctx, `DELETE FROM removed_mentions WHERE id = ?`, id)
}

func (t *mentionTx) Delete(ctx context.Context, id int64) error {
	was, found, err := t.pairOf(ctx, id)
	if err != nil {
		return err
	}
	if err := t.exec(ctx, `DELETE FROM mentions WHERE id = ?`, id); err != nil || !found {
		return err
	}
	return t.sync(ctx, was)
}

func (t *mentionTx) Insert(ctx context.Context, a *geo.Article, m *geo.Mention, place int64) error {
	copied, from, end := geo.StoredSentence(a.Text, m)
	unix := a.Time().Unix()
	err := t.exec(ctx, `INSERT INTO mentions (article_id, place_id, start, end, text, sentence, sentence_start,
		sentence_end, confidence, demonym, time, why, focus, reprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, place, m.Start, m.End, m.Text, copied, from, end, m.Confidence, m.Demonym, unix,
		t.whys.Stored(m.Why, m.Place.Key), m.Focus, a.Reprint())
	if err != nil {
		return err
	}
	return t.sync(ctx, articlePlace{article: a.ID, place: place, time: unix})
}

// articlePlace is a row of place_articles: an article mentions a place.
type articlePlace struct{ article, place, time int64 }

// pairOf returns the article and place of stored mention id; found is
// false when there is no such mention, which changes nothing to sync.
func (t *mentionTx) pairOf(ctx context.Context, id int64) (p articlePlace, found bool, err error) {
	err = t.tx.QueryRowContext(ctx, `SELECT article_id, place_id, time FROM mentions WHERE id = ?`, id).Scan(&p.article, &p.place, &p.time)
	if errNoRows(err) {
		return p, false, nil
	}
	return p, err == nil, err
}

// syncMention makes place_articles hold the pair of mention id.
func (t *mentionTx) syncMention(ctx context.Context, id int64) error {
	p, found, err := t.pairOf(ctx, id)
	if err != nil || !found {
		return err
	}
	return t.sync(ctx, p)
}

// sync makes place_articles hold each of pairs whose article still
// mentions its place, and none of the others.
func (t *mentionTx) sync(ctx context.Context, pairs ...articlePlace) error {
	const mentioned = `EXISTS (SELECT 1 FROM mentions WHERE article_id = ?3 AND place_id = ?1)`
	for _, p := range pairs {
		if err := t.exec(ctx, `DELETE FROM place_articles WHERE place_id = ?1 AND time = ?2 AND article_id = ?3 AND NOT `+mentioned,
			p.place, p.time, p.article); err != nil {
			return err
		}
		if err := t.exec(ctx, `INSERT OR IGNORE INTO place_articles (place_id, time, article_id) SELECT ?1, ?2, ?3 WHERE `+mentioned,
			p.place, p.time, p.article); err != nil {
			return err
		}
	}
	return nil
}

func (t *mentionTx) ShiftForm(ctx context.Context, place int64, form string, delta int) error {
	if err := t.exec(ctx, `INSERT INTO place_forms (place_id, form, n) VALUES (?, ?, ?)
		ON CONFLICT (place_id, form) DO UPDATE SET n = n + excluded.n`, place, form, delta); err != nil {
		return err
	}
	return t.exec(ctx, `DELETE FROM place_forms WHERE place_id = ? AND n <= 0`, place)
}

func (t *mentionTx) Recount(ctx context.Context, places []int64) error {
	if err := recount(ctx, t.tx, places...); err != nil {
		return err
	}
	return renamePlaces(ctx, t.tx, places)
}

func (t *mentionTx) Correction(ctx context.Context, id int64) (*geo.Correction, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+correctionCols+` FROM corrections WHERE id = ?`, id)
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
	err := t.tx.QueryRowContext(ctx, `SELECT max(id) FROM corrections WHERE mention_id = ?`, mention).Scan(&last)
	return last, err
}

func (t *mentionTx) Log(ctx context.Context, c *geo.Correction) error {
	c.At = time.Now().UTC().Truncate(time.Second)
	res, err := t.tx.ExecContext(ctx, `INSERT INTO corrections (mention_id, article_id, text, action, before, after, who, note, at, undoes)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.MentionID, c.ArticleID, c.Text, c.Action,
		geo.FactJSON(c.Before), geo.FactJSON(c.After), c.By, c.Note, formatTime(c.At), c.Undoes)
	if err == nil {
		c.ID, err = res.LastInsertId()
	}
	return err
}

func (t *mentionTx) MarkUndone(ctx context.Context, id, undo int64) error {
	return t.exec(ctx, `UPDATE corrections SET undone_by = ? WHERE id = ?`, undo, id)
}

func (t *mentionTx) exec(ctx context.Context, q string, args ...any) error {
	_, err := t.tx.ExecContext(ctx, q, args...)
	return err
}
