package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// A correction or a reparse changes stored mentions. The totals of the
// places they leave and join are counted again from their mentions.

// recount counts the totals of places from their mentions again; a place
// left without mentions leaves the listings.
func recount(ctx context.Context, tx pgx.Tx, places ...int64) error {
	for _, id := range places {
		_, err := tx.Exec(ctx, `WITH pa AS (SELECT article_id, max(time) AS t, count(*) AS n, bool_or(reprint) AS reprint
				FROM mentions WHERE (article_id, place_id) IN (SELECT article_id, place_id FROM place_articles WHERE place_id = $1)
				GROUP BY article_id)
			INSERT INTO place_stats AS s (place_id, mentions, articles, stories, first, last, latest, latest_times)
			SELECT $1, sum(n), count(*), count(*) FILTER (WHERE NOT reprint), min(t), max(t),
				(array_agg(article_id ORDER BY t DESC, article_id DESC))[1:3],
				(array_agg(t ORDER BY t DESC, article_id DESC))[1:3] FROM pa HAVING count(*) > 0
			ON CONFLICT (place_id) DO UPDATE SET mentions = EXCLUDED.mentions, articles = EXCLUDED.articles, stories = EXCLUDED.stories,
				first = EXCLUDED.first, last = EXCLUDED.last, latest = EXCLUDED.latest, latest_times = EXCLUDED.latest_times`, id)
		if err == nil {
			_, err = tx.Exec(ctx, `DELETE FROM place_stats WHERE place_id = $1 AND NOT EXISTS (SELECT 1 FROM place_articles WHERE place_id = $1)`, id)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
