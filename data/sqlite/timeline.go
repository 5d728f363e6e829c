package sqlite

import (
	"context"
	"database/sql"
	"time"

	"mentionmap/geo"
)

// binStart is the SQL for the start of the bin of m.time (Unix seconds)
// per interval, in Unix seconds. 1970-01-01 was a Thursday: a week
// starting on Monday starts 3 days before a multiple of 7 days.
var binStart = map[geo.Interval]string{
	geo.Day:   `(m.time / 86400) * 86400`,
	geo.Week:  `(((m.time / 86400) + 3) / 7 * 7 - 3) * 86400`,
	geo.Month: `CAST(strftime('%s', m.time, 'unixepoch', 'start of month') AS INTEGER)`,
}

// Timeline calls fn for each bin of interval i that has mentions matching
// f, oldest first, with their count and their articles'.
func (s *Store) Timeline(ctx context.Context, f geo.Filter, i geo.Interval, fn func(*geo.TimeBin) error) error {
	cond, args, err := s.whereMentions(ctx, simplify(f))
	if err != nil {
		return err
	}
	bin := binStart[i]
	return s.stream(ctx, "timeline", `SELECT `+bin+` AS bin, count(*), count(DISTINCT m.article_id), count(DISTINCT `+storyOf+`)
		FROM mentions m JOIN articles a ON a.id = m.article_id WHERE `+cond+` GROUP BY bin ORDER BY bin`, args, func(rows *sql.Rows) error {
		var b geo.TimeBin
		var start int64
		if err := rows.Scan(&start, &b.Mentions, &b.Articles, &b.Stories); err != nil {
			return failed("timeline", err)
		}
		b.Start = time.Unix(start, 0).UTC()
		return fn(&b)
	})
}
