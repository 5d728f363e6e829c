package geo

import (
	"cmp"
	"slices"
	"time"
)

// Trends rank places by how much more they are mentioned in a recent
// window than before it. The baseline is the mean count per window over
// TrendWindows windows of the same length just before the recent one (4
// weeks before a week, as ACLED's dashboards compare). The score is the
// rise over the baseline, relative to it, smoothed by one mention so that
// a place new with a single mention does not outrank one that went from
// 20 to 60:
//
//	trend = (recent - baseline) / (baseline + 1)
const TrendWindows = 4

// Trend is a place's counts in a trend ranking.
type Trend struct {
	Place    ClusterPoint // Mentions is the recent count
	Baseline float64
	Score    float64
}

// TrendWindow returns the recent window ending at end, of the given
// length, and the baseline's span before it.
func TrendWindow(end time.Time, length time.Duration) (recentFrom, baselineFrom time.Time) {
	return end.Add(-length), end.Add(-length * (TrendWindows + 1))
}

// RankTrends scores the places mentioned in the recent window against
// their mentions in the baseline span (all TrendWindows windows together),
// highest score first; ties go to the more mentioned place, then the
// smaller id.
func RankTrends(recent []ClusterPoint, baseline map[int64]int) []Trend {
	out := make([]Trend, 0, len(recent))
	for _, p := range recent {
		b := float64(baseline[p.ID]) / TrendWindows
		out = append(out, Trend{Place: p, Baseline: b, Score: (float64(p.Mentions) - b) / (b + 1)})
	}
	slices.SortFunc(out, func(a, b Trend) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(b.Place.Mentions, a.Place.Mentions), cmp.Compare(a.Place.ID, b.Place.ID))
	})
	return out
}
