package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// TestPlacePoints checks the mention count of every place that
// PlacePoints returns, for filters of each kind, against a count made
// here from the articles themselves.
func TestPlacePoints(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	places := [][]geo.Place{{tripoli, libya}, {libya}, {fiji, tripoli, tripoli}, {tripoli}, {libya, fiji}}
	var arts []*geo.Article
	for i := range 20 {
		a := article(fmt.Sprintf("https://x.test/p%d", i), fmt.Sprintf("story %d about the harbour", i), day(1+i%10), places[i%len(places)]...)
		if i%3 == 0 {
			a.Source = "desk"
		}
		if i%4 == 0 {
			a.Text += " and the airport"
		}
		arts = append(arts, a)
	}
	if _, err := s.IngestBatch(ctx, arts); err != nil {
		t.Fatal(err)
	}
	from, to := day(3), day(7)
	near := orb.Bound{Min: orb.Point{12, 32}, Max: orb.Point{14, 34}}
	tests := []struct {
		name string
		f    geo.Filter
		keep func(a *geo.Article, m *geo.Mention) bool
	}{
		{"time", geo.Filter{From: &from, To: &to}, func(a *geo.Article, m *geo.Mention) bool {
			return !a.Time().Before(from) && a.Time().Before(to)
		}},
		{"confidence", geo.Filter{MinConfidence: 0.55}, func(a *geo.Article, m *geo.Mention) bool { return m.Confidence >= 0.55 }},
		{"no demonyms", geo.Filter{NoDemonyms: true}, func(a *geo.Article, m *geo.Mention) bool { return !m.Demonym }},
		{"source", geo.Filter{Source: "desk", MinConfidence: 0.1}, func(a *geo.Article, m *geo.Mention) bool { return a.Source == "desk" }},
		{"country", geo.Filter{Country: "LY", MinConfidence: 0.1}, func(a *geo.Article, m *geo.Mention) bool { return m.Place.Country == "LY" }},
		{"kind", geo.Filter{Kind: geo.KindCity, MinConfidence: 0.1}, func(a *geo.Article, m *geo.Mention) bool { return m.Place.Kind == geo.KindCity }},
		{"bbox", geo.Filter{BBox: &near, MinConfidence: 0.1}, func(a *geo.Article, m *geo.Mention) bool { return near.Contains(m.Place.Point) }},
		{"text", geo.Filter{Query: textQuery("airport")}, func(a *geo.Article, m *geo.Mention) bool { return strings.Contains(a.Text, "airport") }},
		{"all at once", geo.Filter{From: &from, Source: "desk", Country: "LY", MinConfidence: 0.55}, func(a *geo.Article, m *geo.Mention) bool {
			return !a.Time().Before(from) && a.Source == "desk" && m.Place.Country == "LY" && m.Confidence >= 0.55
		}},
		{"places only", geo.Filter{Country: "FJ"}, func(a *geo.Article, m *geo.Mention) bool { return m.Place.Country == "FJ" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := map[string]int{}
			for _, a := range arts {
				for i := range a.Mentions {
					if m := &a.Mentions[i]; tc.keep(a, m) {
						want[m.Place.Key]++
					}
				}
			}
			got := map[string]int{}
			err := s.PlacePoints(ctx, tc.f, func(p *geo.ClusterPoint) error {
				got[keyOf(p)] = p.Mentions
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("counts %v, want %v", got, want)
			}
		})
	}
}

// keyOf names a cluster point as its place's key.
func keyOf(p *geo.ClusterPoint) string {
	for _, q := range []geo.Place{tripoli, libya, fiji} {
		if q.Name == p.Name {
			return q.Key
		}
	}
	return p.Name
}

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
