package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// A correction changes one mention. The totals of the places it leaves
// and joins are counted again from their mentions, and their names follow
// the forms their mentions now write.

// placeIn returns the id of p, storing it when no process has.
func placeIn(ctx context.Context, tx pgx.Tx, p *geo.Place) (int64, error) {
	if _, err := tx.Exec(ctx, insertPlaceSQL, placeRow(p)...); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM places WHERE key = $1`, p.Key).Scan(&id)
	return id, err
}

// movePlace points mention id, now m, at place to.
func movePlace(ctx context.Context, tx pgx.Tx, id int64, m *stored, to int64) error {
	if _, err := tx.Exec(ctx, `UPDATE mentions SET place_id = $1 WHERE id = $2`, to, id); err != nil {
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
func removeMention(ctx context.Context, tx pgx.Tx, id int64, m *stored) error {
	if _, err := tx.Exec(ctx, `WITH gone AS (DELETE FROM mentions WHERE id = $1 RETURNING *)
		INSERT INTO removed_mentions SELECT * FROM gone`, id); err != nil {
		return err
	}
	if err := shiftForm(ctx, tx, m, m.place, -1); err != nil {
		return err
	}
	return recount(ctx, tx, m.place)
}

// restoreMention moves mention id back from removed_mentions.
func restoreMention(ctx context.Context, tx pgx.Tx, id int64, m *stored) error {
	if _, err := tx.Exec(ctx, `WITH back AS (DELETE FROM removed_mentions WHERE id = $1 RETURNING *)
		INSERT INTO mentions SELECT * FROM back`, id); err != nil {
		return err
	}
	if err := shiftForm(ctx, tx, m, m.place, 1); err != nil {
		return err
	}
	return recount(ctx, tx, m.place)
}

// shiftForm adds delta to the count of m's form at place, and names the
// place again.
func shiftForm(ctx context.Context, tx pgx.Tx, m *stored, place int64, delta int) error {
	form, ok := geo.KnownForm(&geo.Mention{Text: m.text, Demonym: m.demonym})
	if !ok {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO place_forms AS f (place_id, form, n) VALUES ($1, $2, $3)
		ON CONFLICT (place_id, form) DO UPDATE SET n = f.n + EXCLUDED.n`, place, form, delta); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM place_forms WHERE place_id = $1 AND n <= 0`, place); err != nil {
		return err
	}
	return renamePlaces(ctx, tx, []int64{place})
}

// recount counts the totals of places from their mentions again; a place
// left without mentions leaves the listings.
func recount(ctx context.Context, tx pgx.Tx, places ...int64) error {
	for _, id := range places {
		_, err := tx.Exec(ctx, `WITH pa AS (SELECT article_id, max(time) AS t, count(*) AS n FROM mentions
				WHERE place_id = $1 GROUP BY article_id)
			INSERT INTO place_stats AS s (place_id, mentions, articles, first, last, latest, latest_times)
			SELECT $1, sum(n), count(*), min(t), max(t), (array_agg(article_id ORDER BY t DESC, article_id DESC))[1:3],
				(array_agg(t ORDER BY t DESC, article_id DESC))[1:3] FROM pa HAVING count(*) > 0
			ON CONFLICT (place_id) DO UPDATE SET mentions = EXCLUDED.mentions, articles = EXCLUDED.articles,
				first = EXCLUDED.first, last = EXCLUDED.last, latest = EXCLUDED.latest, latest_times = EXCLUDED.latest_times`, id)
		if err == nil {
			_, err = tx.Exec(ctx, `DELETE FROM place_stats WHERE place_id = $1 AND NOT EXISTS (SELECT 1 FROM mentions WHERE place_id = $1)`, id)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
