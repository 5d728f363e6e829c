package sqlite

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

func TestCountKey(t *testing.T) {
	box := func(x float64) *orb.Bound { return &orb.Bound{Min: orb.Point{x, 0}, Max: orb.Point{x + 1, 1}} }
	d1, d1again, d2 := day(1), day(1), day(2)
	tests := []struct {
		name string
		a, b geo.Filter
		same bool
	}{
		{"another page", geo.Filter{Limit: 10}, geo.Filter{Limit: 10, Offset: 10}, true},
		{"another page size", geo.Filter{Limit: 10}, geo.Filter{Limit: 100}, true},
		{"equal boxes, two pointers", geo.Filter{BBox: box(1)}, geo.Filter{BBox: box(1)}, true},
		{"equal times, two pointers", geo.Filter{From: &d1}, geo.Filter{From: &d1again}, true},
		{"other boxes", geo.Filter{BBox: box(1)}, geo.Filter{BBox: box(2)}, false},
		{"other times", geo.Filter{From: &d1}, geo.Filter{From: &d2}, false},
		{"from is not to", geo.Filter{From: &d1}, geo.Filter{To: &d1}, false},
		{"other confidence", geo.Filter{MinConfidence: 0.5}, geo.Filter{MinConfidence: 0.6}, false},
	}
	for _, tt := range tests {
		if same := countKey("count(*)", tt.a) == countKey("count(*)", tt.b); same != tt.same {
			t.Errorf("%s: same key %v, want %v", tt.name, same, tt.same)
		}
	}
	if countKey("count(*)", geo.Filter{}) == countKey("count(DISTINCT +m.place_id)", geo.Filter{}) {
		t.Error("two expressions share a key")
	}
}

// TestCountsFollowTheData counts a filter, pages through it, stores a
// matching article and counts again: the remembered count serves the
// pages, and the new article is counted.
func TestCountsFollowTheData(t *testing.T) {
	s := seed(t)
	ctx := context.Background()
	from := day(2)
	f := geo.Filter{From: &from, Limit: 1}
	before, err := s.CountMentions(ctx, f)
	if err != nil || before == 0 {
		t.Fatalf("count: %d, %v", before, err)
	}
	version, _ := s.Version(ctx)
	if n, ok := s.counts.get(version, countKey("count(*)", f)); !ok || n != before {
		t.Errorf("remembered %d, %v; want %d", n, ok, before)
	}
	f.Offset = 1
	if n, err := s.CountMentions(ctx, f); err != nil || n != before {
		t.Errorf("next page: %d, %v; want %d", n, err, before)
	}
	if _, err := s.Ingest(ctx, article("", "Later news from Tripoli and Libya", day(20), tripoli, libya)); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountMentions(ctx, f); err != nil || n != before+2 {
		t.Errorf("after an ingest: %d, %v; want %d", n, err, before+2)
	}
}

// TestCountCacheHoldsNoFilters fills the cache with counts of long filters:
// what it keeps must not grow with their length.
func TestCountCacheHoldsNoFilters(t *testing.T) {
	var c countCache
	long := strings.Repeat("x", 100<<10)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range countCacheSize {
		c.put(1, countKey("count(*)", geo.Filter{Query: geo.TextQuery{Terms: []geo.QueryTerm{{Words: []string{long + strconv.Itoa(i)}}}}}), i)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 2<<20 {
		t.Errorf("%d counts of 100 KB filters hold %d bytes", countCacheSize, grew)
	}
	if n, ok := c.get(1, countKey("count(*)", geo.Filter{Query: geo.TextQuery{Terms: []geo.QueryTerm{{Words: []string{long + "7"}}}}})); !ok || n != 7 {
		t.Errorf("count of filter 7: %d, %v", n, ok)
	}
}
