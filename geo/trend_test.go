package geo

import (
	"fmt"
	"testing"
)

func TestRankTrends(t *testing.T) {
	p := func(id int64, n int) ClusterPoint { return ClusterPoint{ID: id, Name: fmt.Sprint(id), Mentions: n} }
	for _, c := range []struct {
		name     string
		recent   []ClusterPoint
		baseline map[int64]int
		want     string
	}{
		{"a rise beats a steady place", []ClusterPoint{p(1, 10), p(2, 10)}, map[int64]int{1: 40, 2: 8}, "2:10/2.0/2.67 1:10/10.0/0.00"},
		{"20 to 60 beats a first single mention", []ClusterPoint{p(1, 1), p(2, 60)}, map[int64]int{2: 80}, "2:60/20.0/1.90 1:1/0.0/1.00"},
		{"a fall ranks below", []ClusterPoint{p(1, 2), p(2, 3)}, map[int64]int{1: 40, 2: 12}, "2:3/3.0/0.00 1:2/10.0/-0.73"},
		{"ties: more mentions, then the smaller id", []ClusterPoint{p(3, 2), p(2, 4), p(1, 2)}, nil, "2:4/0.0/4.00 1:2/0.0/2.00 3:2/0.0/2.00"},
	} {
		got := ""
		for i, tr := range RankTrends(c.recent, c.baseline) {
			if i > 0 {
				got += " "
			}
			got += fmt.Sprintf("%d:%d/%.1f/%.2f", tr.Place.ID, tr.Place.Mentions, tr.Baseline, tr.Score)
		}
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
