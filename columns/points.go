package columns

import (
	"context"
	"math"
	"sort"

	"mentionmap/geo"
)

// Answers reports whether the copy can count for f: filters that search
// text, or pick one place, mention or box, go to the store.
func Answers(f geo.Filter) bool {
	return f.Query.IsZero() && f.PlaceID == 0 && f.MentionID == 0 && f.BBox == nil
}

// answering returns the snapshot that answers f; ok is false when the
// store must answer: for a filter the copy cannot answer, or before Load.
func (c *Store) answering(ctx context.Context, f geo.Filter) (s *snapshot, ok bool, err error) {
	if !Answers(f) {
		return nil, false, nil
	}
	s, err = c.current(ctx)
	return s, s != nil, err
}

// PlacePoints calls fn for each place with mentions matching f, with
// their count, as the store's PlacePoints does; f's paging is ignored.
func (c *Store) PlacePoints(ctx context.Context, f geo.Filter, fn func(*geo.ClusterPoint) error) error {
	s, ok, err := c.answering(ctx, f)
	if err != nil {
		return err
	}
	if !ok {
		return c.store.PlacePoints(ctx, f, fn)
	}
	counts, ok := s.count(f)
	if !ok {
		return nil
	}
	for i, n := range counts {
		if n > 0 {
			p := s.places[i]
			p.Mentions = int(n)
			if err := fn(&p); err != nil {
				return err
			}
		}
	}
	return nil
}

// Rows is the number of mentions the copy holds, 0 before Load.
func (c *Store) Rows() int {
	if s := c.snap.Load(); s != nil {
		return s.rows
	}
	return 0
}

// test compiles f for s; ok is false when f can match nothing (an
// unknown source).
func (s *snapshot) test(f geo.Filter) (t test, ok bool) {
	t = test{from: math.MinInt64, to: math.MaxInt64, source: -1, minConf: f.MinConfidence}
	if f.NoDemonyms {
		t.deny |= flagDemonym
	}
	if f.Focus {
		t.need |= flagFocus
	}
	if f.DistinctStories {
		t.deny |= flagReprint
	}
	if f.From != nil {
		t.from = f.From.UnixMicro()
	}
	if f.To != nil {
		t.to = f.To.UnixMicro()
	}
	if f.Source != "" {
		i, known := s.sources[f.Source]
		if !known {
			return t, false
		}
		t.source = i
	}
	if f.Kind != "" || f.Country != "" {
		t.places = make([]bool, len(s.places))
		for i := range s.places {
			p := &s.places[i]
			t.places[i] = (f.Kind == "" || p.Kind == f.Kind) && (f.Country == "" || p.Country == f.Country)
		}
	}
	return t, true
}

// days returns the chunks of the days that t's time range touches.
func (s *snapshot) days(t *test) []*chunk {
	lo := sort.Search(len(s.chunks), func(i int) bool { return (s.chunks[i].day+1)*dayMicros > t.from })
	hi := sort.Search(len(s.chunks), func(i int) bool { return s.chunks[i].day*dayMicros >= t.to })
	return s.chunks[lo:max(lo, hi)]
}

// count counts the mentions matching f by place index; ok is false when
// f can match nothing.
func (s *snapshot) count(f geo.Filter) (counts []int32, ok bool) {
	t, ok := s.test(f)
	if !ok {
		return nil, false
	}
	counts = make([]int32, len(s.places))
	for _, ch := range s.days(&t) {
		ch.count(&t, counts)
	}
	return counts, true
}
