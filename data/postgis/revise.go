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
	return geo.RunRevisions(ctx, s.changing, revs)
}
