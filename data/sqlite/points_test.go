package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"mentionmap/geo"
)

// TestPlaceSummariesCounted checks the totals counted from mentions (any
// mention filter) against those kept at ingest (place-only filters), on
// articles out of time order, with equal times, repeated places, and pages.
func TestPlaceSummariesCounted(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	var arts []*geo.Article
	for i, d := range []int{5, 2, 9, 2, 7, 1, 9, 3, 8, 4, 6, 2, 9} {
		ps := []geo.Place{tripoli}
		if i%2 == 0 {
			ps = append(ps, libya, tripoli)
		}
		if i%3 == 0 {
			ps = append(ps, fiji)
		}
		arts = append(arts, article("", fmt.Sprint("article ", i), day(d), ps...))
	}
	if _, err := s.IngestBatch(ctx, arts); err != nil {
		t.Fatal(err)
	}
	list := func(f geo.Filter) string {
		var out []string
		err := s.PlaceSummaries(ctx, f, func(p *geo.PlaceSummary) error {
			out = append(out, fmt.Sprintf("%s %d/%d %s..%s %+v", p.Place.Name, p.Mentions, p.Articles, p.FirstSeen, p.LastSeen, p.Latest))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(out, "\n")
	}
	for _, page := range []geo.Filter{{}, {Limit: 2}, {Limit: 1, Offset: 1}, {Offset: 2}, {Offset: 5}} {
		kept := list(page)
		page.MinConfidence = 1e-9 // every mention, counted
		if counted := list(page); counted != kept {
			t.Errorf("page %+v: counted\n%s\nkept\n%s", page, counted, kept)
		}
	}
	if all := list(geo.Filter{}); !strings.HasPrefix(all, "Tripoli 20/13 ") {
		t.Errorf("listing starts %q", all)
	}
}
