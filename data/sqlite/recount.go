package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// A correction or a reparse changes stored mentions. The totals of the
// places they leave and join are counted again from their mentions, and
// their names follow the forms their mentions now write.

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
		err := streamOn(ctx, tx, "recount", `SELECT article_id, max(time), count(*), max(reprint) FROM mentions
			WHERE article_id IN (SELECT article_id FROM place_articles WHERE place_id = ?1) AND place_id = ?1
			GROUP BY article_id ORDER BY article_id`, []any{id}, func(rows *sql.Rows) error {
			var article, unix int64
			var n int
			var reprint bool
			if err := rows.Scan(&article, &unix, &n, &reprint); err != nil {
				return err
			}
			ds.add(id, n, formatTime(time.Unix(unix, 0)), article, reprint)
			return nil
		})
		if err != nil {
			return err
		}
		st := ds.byPlace[id]
		if st == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM place_stats WHERE place_id = ?`, id)
		} else {
			args := []any{id, st.mentions, st.articles, st.stories, st.first, st.last}
			for _, l := range st.top {
				args = append(args, l.t, l.id)
			}
			_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO place_stats (place_id, mentions, articles, stories, first, last, t1, a1, t2, a2, t3, a3)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
