package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"mentionmap/geo"
)

// testTimeline checks Timeline against the oracle, for every filter and
// interval.
func testTimeline(t *testing.T, s geo.ArticleStore) {
	arts := seed(t, s)
	// A Sunday in March: its week starts in February.
	march := article("https://x.test/march", "wire", "Spring talks in Paris", time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), paris, libya)
	if _, err := s.IngestBatch(context.Background(), []*geo.Article{march}); err != nil {
		t.Fatal(err)
	}
	arts = append(arts, march)
	CheckTimeline(t, s, arts)
}

// CheckTimeline checks tl's timelines, for every filter and interval,
// against the oracle over arts, the articles stored.
func CheckTimeline(t *testing.T, tl geo.Timeliner, arts []*geo.Article) {
	for _, fc := range filterCases() {
		for _, i := range []geo.Interval{geo.Day, geo.Week, geo.Month} {
			var got []string
			err := tl.Timeline(context.Background(), fc.f, i, func(b *geo.TimeBin) error {
				got = append(got, fmt.Sprintf("%s %d %d", b.Start.Format(time.RFC3339), b.Mentions, b.Articles))
				return nil
			})
			if want := timelineOracle(arts, fc.keep, i); err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s by %s: %v (%v), want %v", fc.name, i, got, err, want)
			}
		}
	}
}

// timelineOracle bins the mentions that keep keeps, oldest bin first.
func timelineOracle(arts []*geo.Article, keep func(*geo.Article, *geo.Mention) bool, i geo.Interval) []string {
	mentions, articles := map[time.Time]int{}, map[time.Time]map[*geo.Article]bool{}
	var starts []time.Time
	for _, a := range arts {
		for j := range a.Mentions {
			if !keep(a, &a.Mentions[j]) {
				continue
			}
			b := i.Start(a.Time())
			if articles[b] == nil {
				articles[b] = map[*geo.Article]bool{}
				starts = append(starts, b)
			}
			mentions[b]++
			articles[b][a] = true
		}
	}
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	var out []string
	for _, b := range starts {
		out = append(out, fmt.Sprintf("%s %d %d", b.Format(time.RFC3339), mentions[b], len(articles[b])))
	}
	return out
}
