package columns

import (
	"math/rand/v2"
	"testing"
	"time"

	"mentionmap/geo"
)

// benchSnapshot is a copy shaped like the bench corpus: about a million
// mentions of 6,700 places by 20 sources over two years.
func benchSnapshot(b *testing.B) (*Store, time.Time) {
	b.Helper()
	c := &Store{dicts: dicts{places: map[int64]int32{}, sources: map[string]int32{}}}
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ds := days{}
	for i := range 970_000 {
		f := geo.MentionFact{ArticleID: int64(i / 16), Time: start.Add(time.Duration(r.Int64N(int64(730 * 24 * time.Hour)))).UnixMicro(),
			Source:     []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t"}[r.IntN(20)],
			Confidence: r.Float64(), Place: geo.ClusterPoint{ID: int64(r.IntN(6700)) + 1, Kind: "city", Country: "FR"}}
		ds.add(&c.dicts, &f)
	}
	c.snap.Store(c.apply(&snapshot{}, 1, nil, ds))
	return c, start
}

func BenchmarkCount(b *testing.B) {
	c, start := benchSnapshot(b)
	month, end := start.AddDate(0, 6, 0), start.AddDate(2, 0, 0)
	monthEnd := month.AddDate(0, 1, 0)
	for _, bc := range []struct {
		name string
		f    geo.Filter
	}{
		{"all", geo.Filter{}},
		{"month", geo.Filter{From: &month, To: &monthEnd}},
		{"range", geo.Filter{From: &start, To: &end}},
		{"range+source+confidence", geo.Filter{From: &start, To: &end, Source: "c", MinConfidence: 0.5}},
		{"country", geo.Filter{Country: "FR"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := c.snap.Load()
			for b.Loop() {
				s.count(bc.f)
			}
		})
	}
}

func BenchmarkTimeline(b *testing.B) {
	c, start := benchSnapshot(b)
	end := start.AddDate(2, 0, 0)
	for _, i := range []geo.Interval{geo.Day, geo.Month} {
		b.Run(string(i), func(b *testing.B) {
			s := c.snap.Load()
			for b.Loop() {
				s.timeline(geo.Filter{From: &start, To: &end}, i, func(*geo.TimeBin) error { return nil })
			}
		})
	}
}
