package sqlite

import (
	"context"
	"database/sql"
	"time"

	"mentionmap/geo"
)

// A correction changes one mention. The totals of the places it leaves
// and joins are counted again from their mentions, and their names follow
// the forms their mentions now write.

// placeIn returns the id of p, storing it when the store has not met it.
func (s *Store) placeIn(ctx context.Context, tx *sql.Tx, p *geo.Place, added map[string]int64) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM places WHERE key = ?`, p.Key).Scan(&id)
	if !errNoRows(err) {
		return id, err
	}
	res, err := tx.ExecContext(ctx, addPlaceSQL, placeRow(p)...)
	if err == nil {
		id, err = res.LastInsertId()
	}
	if err != nil {
		return 0, err
	}
	x, y := p.Point.Lon(), p.Point.Lat()
	if _, err := tx.ExecContext(ctx, addRTreeSQL, id, x, x, y, y); err != nil {
		return 0, err
	}
	added[p.Key] = id
	return id, nil
}

// movePlace points mention id, now m, at place to.
func movePlace(ctx context.Context, tx *sql.Tx, id int64, m *stored, to int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE mentions SET place_id = ? WHERE id = ?`, to, id); err != nil {
		return err
	}
	if err := shiftForm(ctx, tx, m, m.place, -1); err != nil {
		return err
	}
	if err := shiftForm(ctx, tx, m, to, 1); err != nil {
		return err
	}
	return recount(ctx, tx, m.place, to)
}

// removeMention moves mention id into removed_mentions.
func removeMention(ctx context.Context, tx *sql.Tx, id int64, m *stored) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO removed_mentions SELECT * FROM mentions WHERE id = ?`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM mentions WHERE id = ?`, id); err != nil {
		return err
	}
	if err := shiftForm(ctx, tx, m, m.place, -1); err != nil {
		return err
	}
	return recount(ctx, tx, m.place)
}

// restoreMention moves mention id back from removed_mentions.
func restoreMention(ctx context.Context, tx *sql.Tx, id int64, m *stored) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO mentions SELECT * FROM removed_mentions WHERE id = ?`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM removed_mentions WHERE id = ?`, id); err != nil {
		return err
	}
	if err := shiftForm(ctx, tx, m, m.place, 1); err != nil {
		return err
	}
	return recount(ctx, tx, m.place)
}

// shiftForm adds delta to the count of m's form at place, and names the
// place again.
func shiftForm(ctx context.Context, tx *sql.Tx, m *stored, place int64, delta int) error {
	form, ok := geo.KnownForm(&geo.Mention{Text: m.text, Demonym: m.demonym})
	if !ok {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO place_forms (place_id, form, n) VALUES (?, ?, ?)
		ON CONFLICT (place_id, form) DO UPDATE SET n = n + excluded.n`, place, form, delta); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM place_forms WHERE place_id = ? AND n <= 0`, place); err != nil {
		return err
	}
	return renamePlaces(ctx, tx, []int64{place})
}

// renamePlaces names each place after its most used form.
func renamePlaces(ctx context.Context, tx *sql.Tx, ids []int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE places SET name = `+knownName+` WHERE id `+inIDs+` AND name <> `+knownName, idList(ids))
	return err
}

// recount counts the totals of places from their mentions again; a place
// left without mentions leaves the listings.
func recount(ctx context.Context, tx *sql.Tx, places ...int64) error {
	ds := statDeltas{byPlace: map[int64]*statDelta{}}
	for _, id := range places {
		// In article order, as ingest adds them: on equal times the later is newer.
		err := streamOn(ctx, tx, "recount", `SELECT article_id, max(time), count(*) FROM mentions WHERE place_id = ?
			GROUP BY article_id ORDER BY article_id`, []any{id}, func(rows *sql.Rows) error {
			var article, unix int64
			var n int
			if err := rows.Scan(&article, &unix, &n); err != nil {
				return err
			}
			ds.add(id, n, formatTime(time.Unix(unix, 0)), article)
			return nil
		})
		if err != nil {
			return err
		}
		st := ds.byPlace[id]
		if st == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM place_stats WHERE place_id = ?`, id)
		} else {
			args := []any{id, st.mentions, st.articles, st.first, st.last}
			for _, l := range st.top {
				args = append(args, l.t, l.id)
			}
			_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO place_stats (place_id, mentions, articles, first, last, t1, a1, t2, a2, t3, a3)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
