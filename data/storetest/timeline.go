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
	copies := reprints()
	if _, err := s.IngestBatch(context.Background(), copies); err != nil {
		t.Fatal(err)
	}
	CheckTimeline(t, s, append(arts, copies...))
}

// reprints are a wire copy and another outlet's reprint of it a day
// later: two articles of one story.
func reprints() []*geo.Article {
	first := article("https://wire.test/strike", "wire", wireCopy, day(12), paris, libya)
	again := article("https://port.test/strike", "local", "ROTTERDAM (Wire) — "+wireCopy, day(13), paris)
	return []*geo.Article{first, again}
}

// CheckTimeline checks tl's timelines, for every filter and interval,
// against the oracle over arts, the articles stored.
func CheckTimeline(t *testing.T, tl geo.Timeliner, arts []*geo.Article) {
	for _, fc := range filterCases() {
		for _, i := range []geo.Interval{geo.Day, geo.Week, geo.Month} {
			var got []string
			err := tl.Timeline(context.Background(), fc.f, i, func(b *geo.TimeBin) error {
				got = append(got, fmt.Sprintf("%s %d %d %d", b.Start.Format(time.RFC3339), b.Mentions, b.Articles, b.Stories))
				return nil
			})
			if want := timelineOracle(arts, fc.keep, i); err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s by %s: %v (%v), want %v", fc.name, i, got, err, want)
			}
		}
	}
}

// timelineOracle bins the mentions that keep keeps, oldest bin first,
// with their articles and the stories the store gave those.
func timelineOracle(arts []*geo.Article, keep func(*geo.Article, *geo.Mention) bool, i geo.Interval) []string {
	mentions, articles := map[time.Time]int{}, map[time.Time]map[*geo.Article]bool{}
	stories := map[time.Time]map[int64]bool{}
	var starts []time.Time
	for _, a := range arts {
		for j := range a.Mentions {
			if !keep(a, &a.Mentions[j]) {
				continue
			}
			b := i.Start(a.Time())
			if articles[b] == nil {
				articles[b], stories[b] = map[*geo.Article]bool{}, map[int64]bool{}
				starts = append(starts, b)
			}
			mentions[b]++
			articles[b][a], stories[b][a.Story] = true, true
		}
	}
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	var out []string
	for _, b := range starts {
		out = append(out, fmt.Sprintf("%s %d %d %d", b.Format(time.RFC3339), mentions[b], len(articles[b]), len(stories[b])))
	}
	return out
}
