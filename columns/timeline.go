package columns

import (
	"context"
	"time"

	"mentionmap/geo"
)

// Timeline calls fn for each bin of interval i with mentions matching f,
// oldest first, as the store's Timeline does. A chunk is one UTC day, and
// every interval's bins are whole days, so each chunk falls in one bin.
func (c *Store) Timeline(ctx context.Context, f geo.Filter, i geo.Interval, fn func(*geo.TimeBin) error) error {
	s, ok, err := c.answering(ctx, f)
	if err != nil {
		return err
	}
	if !ok {
		return c.store.Timeline(ctx, f, i, fn)
	}
	return s.timeline(f, i, fn)
}

// timeline bins the mentions of s matching f.
func (s *snapshot) timeline(f geo.Filter, i geo.Interval, fn func(*geo.TimeBin) error) error {
	t, ok := s.test(f)
	if !ok {
		return nil
	}
	var bin geo.TimeBin
	seen, stories, next := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	for _, ch := range s.days(&t) {
		clear(next)
		m, a := ch.tally(&t, seen, next, s.stories)
		if m == 0 {
			continue
		}
		start := i.Start(time.UnixMicro(ch.day * dayMicros))
		if bin.Mentions > 0 && !start.Equal(bin.Start) {
			bin.Stories = len(stories)
			if err := fn(&bin); err != nil {
				return err
			}
			bin = geo.TimeBin{}
			clear(stories)
		}
		bin.Start, bin.Mentions, bin.Articles = start, bin.Mentions+m, bin.Articles+a
		for s := range next { // a story's reprints may fall on several days of a bin
			stories[s] = true
		}
	}
	if bin.Mentions > 0 {
		bin.Stories = len(stories)
		return fn(&bin)
	}
	return nil
}
