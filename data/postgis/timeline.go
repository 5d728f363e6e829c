package postgis

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// Timeline calls fn for each bin of interval i that has mentions matching
// f, oldest first, with their count and their articles'. date_trunc's
// weeks start on Monday, as geo.Week's do.
func (s *Store) Timeline(ctx context.Context, f geo.Filter, i geo.Interval, fn func(*geo.TimeBin) error) error {
	ctx, err := s.searchable(ctx, f)
	if err != nil {
		return err
	}
	cond, args := where(f)
	args = append(args, string(i))
	bin := `date_trunc($` + strconv.Itoa(len(args)) + `, m.time AT TIME ZONE 'UTC')`
	return s.stream(ctx, "timeline", `SELECT `+bin+` AS bin, count(*), count(DISTINCT m.article_id), count(DISTINCT `+storyOf+`)`+matching+cond+
		` GROUP BY bin ORDER BY bin`, args, func(rows pgx.Rows) error {
		var b geo.TimeBin
		if err := rows.Scan(&b.Start, &b.Mentions, &b.Articles, &b.Stories); err != nil {
			return failed("timeline", err)
		}
		b.Start = b.Start.UTC()
		return fn(&b)
	})
}
