package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// filterCase is a filter and the oracle of what it keeps.
type filterCase struct {
	name string
	f    geo.Filter
	keep func(a *geo.Article, m *geo.Mention) bool
}

func query(q string) geo.TextQuery {
	tq, err := geo.ParseQuery(q)
	if err != nil {
		panic(err)
	}
	return tq
}

// has reports whether text holds every word, in any case.
func has(text string, words ...string) bool {
	for _, w := range words {
		if !strings.Contains(strings.ToLower(text), strings.ToLower(w)) {
			return false
		}
	}
	return true
}

func filterCases() []filterCase {
	from, to := day(3), day(8)
	libyaBox := orb.Bound{Min: orb.Point{9, 19}, Max: orb.Point{26, 34}}
	pacific := orb.Bound{Min: orb.Point{170, -25}, Max: orb.Point{-165, -5}} // across the antimeridian
	inBox := func(b orb.Bound) func(*geo.Article, *geo.Mention) bool {
		return func(_ *geo.Article, m *geo.Mention) bool {
			for _, part := range geo.SplitAntimeridian(b) {
				if part.Contains(m.Place.Point) {
					return true
				}
			}
			return false
		}
	}
	and := func(fs ...func(*geo.Article, *geo.Mention) bool) func(*geo.Article, *geo.Mention) bool {
		return func(a *geo.Article, m *geo.Mention) bool {
			for _, f := range fs {
				if !f(a, m) {
					return false
				}
			}
			return true
		}
	}
	all := func(*geo.Article, *geo.Mention) bool { return true }
	timeIn := func(a *geo.Article, _ *geo.Mention) bool { return !a.Time().Before(from) && a.Time().Before(to) }
	return []filterCase{
		{"none", geo.Filter{}, all},
		{"bbox", geo.Filter{BBox: &libyaBox}, inBox(libyaBox)},
		{"bbox across the antimeridian", geo.Filter{BBox: &pacific}, inBox(pacific)},
		{"from and to", geo.Filter{From: &from, To: &to}, timeIn},
		{"from", geo.Filter{From: &to}, func(a *geo.Article, _ *geo.Mention) bool { return !a.Time().Before(to) }},
		{"q word", geo.Filter{Query: query("airport")}, func(a *geo.Article, _ *geo.Mention) bool { return has(a.Text, "airport") }},
		{"q words, any order", geo.Filter{Query: query("fought militias")}, func(a *geo.Article, _ *geo.Mention) bool { return has(a.Text, "militias", "fought") }},
		{"q phrase", geo.Filter{Query: query(`"fought near"`)}, func(a *geo.Article, _ *geo.Mention) bool { return has(a.Text, "fought near") }},
		{"q OR", geo.Filter{Query: query("cyclone OR drought")}, func(a *geo.Article, _ *geo.Mention) bool { return has(a.Text, "cyclone") || has(a.Text, "drought") }},
		{"q prefix", geo.Filter{Query: query("harb*")}, func(a *geo.Article, _ *geo.Mention) bool { return has(a.Text, "harbour") }},
		{"q in the title", geo.Filter{Query: query("about")}, all},
		{"country", geo.Filter{Country: "LY"}, func(_ *geo.Article, m *geo.Mention) bool { return m.Place.Country == "LY" }},
		{"kind", geo.Filter{Kind: geo.KindCity}, func(_ *geo.Article, m *geo.Mention) bool { return m.Place.Kind == geo.KindCity }},
		{"source", geo.Filter{Source: "local"}, func(a *geo.Article, _ *geo.Mention) bool { return a.Source == "local" }},
		{"confidence", geo.Filter{MinConfidence: 0.6}, func(_ *geo.Article, m *geo.Mention) bool { return m.Confidence >= 0.6 }},
		{"no demonyms", geo.Filter{NoDemonyms: true}, func(_ *geo.Article, m *geo.Mention) bool { return !m.Demonym }},
		{"bbox, time and text", geo.Filter{BBox: &libyaBox, From: &from, Query: query("militias")},
			and(inBox(libyaBox), func(a *geo.Article, _ *geo.Mention) bool { return !a.Time().Before(from) && has(a.Text, "militias") })},
		{"country, kind and source", geo.Filter{Country: "FR", Kind: geo.KindCity, Source: "wire"},
			func(a *geo.Article, m *geo.Mention) bool { return m.Place.Country == "FR" && a.Source == "wire" }},
		{"everything", geo.Filter{BBox: &libyaBox, From: &from, To: &to, Country: "LY", Kind: geo.KindCountry, Source: "wire", MinConfidence: 0.6},
			and(inBox(libyaBox), timeIn, func(a *geo.Article, m *geo.Mention) bool {
				return m.Place.Country == "LY" && m.Place.Kind == geo.KindCountry && a.Source == "wire" && m.Confidence >= 0.6
			})},
		{"nothing matches", geo.Filter{Country: "ZZ"}, func(*geo.Article, *geo.Mention) bool { return false }},
		{"focus", geo.Filter{Focus: true}, func(_ *geo.Article, m *geo.Mention) bool { return m.Focus }},
		{"distinct stories", geo.Filter{DistinctStories: true}, func(a *geo.Article, _ *geo.Mention) bool { return !a.Reprint() }},
		{"focus, country and distinct stories", geo.Filter{Focus: true, Country: "FR", DistinctStories: true},
			func(a *geo.Article, m *geo.Mention) bool { return m.Focus && m.Place.Country == "FR" && !a.Reprint() }},
	}
}

// expected is what a filter keeps of the fixture: mention identities
// ("url start") and mention counts per place key.
func expected(arts []*geo.Article, keep func(*geo.Article, *geo.Mention) bool) (ids []string, perPlace map[string]int) {
	perPlace = map[string]int{}
	for _, a := range arts {
		for i := range a.Mentions {
			if m := &a.Mentions[i]; keep(a, m) {
				ids = append(ids, fmt.Sprintf("%d %d", a.ID, m.Start))
				perPlace[m.Place.Key]++
			}
		}
	}
	slices.Sort(ids)
	return ids, perPlace
}

// testFilters checks every stream and count of the store, for every
// filter, against the oracle; and that counts equal the rows streamed.
func testFilters(t *testing.T, s geo.ArticleStore) {
	arts := seed(t, s)
	checkCounts(t, s, arts)
	for _, c := range filterCases() {
		t.Run(c.name, func(t *testing.T) { checkFilter(t, s, arts, c) })
	}
}

// checkFilter checks the streams and counts of s for one filter against
// the oracle over arts, the articles stored.
func checkFilter(t *testing.T, s geo.ArticleStore, arts []*geo.Article, c filterCase) {
	t.Helper()
	ctx := context.Background()
	wantIDs, wantPlaces := expected(arts, c.keep)
	var ids []string
	err := s.Mentions(ctx, c.f, func(r *geo.MentionRow) error {
		ids = append(ids, fmt.Sprintf("%d %d", r.Article.ID, r.Mention.Start))
		return nil
	})
	slices.Sort(ids)
	if err != nil || fmt.Sprint(ids) != fmt.Sprint(wantIDs) {
		t.Errorf("Mentions: %v (%v), want %v", ids, err, wantIDs)
	}
	places := map[string]int{}
	err = s.PlaceSummaries(ctx, c.f, func(p *geo.PlaceSummary) error {
		places[p.Place.Key] = p.Mentions
		return nil
	})
	if err != nil || fmt.Sprint(places) != fmt.Sprint(wantPlaces) {
		t.Errorf("PlaceSummaries: %v (%v), want %v", places, err, wantPlaces)
	}
	checkPlacePoints(t, s, "", c.f, wantPlaces)
	if n, err := s.CountMentions(ctx, c.f); err != nil || n != len(wantIDs) {
		t.Errorf("CountMentions: %d (%v), want %d", n, err, len(wantIDs))
	}
	if n, err := s.CountPlaces(ctx, c.f); err != nil || n != len(wantPlaces) {
		t.Errorf("CountPlaces: %d (%v), want %d", n, err, len(wantPlaces))
	}
}

// checkPlacePoints checks c's cluster points for filter f (named name)
// against the oracle's mentions per place key.
func checkPlacePoints(t *testing.T, c geo.PlaceCounter, name string, f geo.Filter, wantPlaces map[string]int) {
	t.Helper()
	got := map[string]int{}
	err := c.PlacePoints(context.Background(), f, func(p *geo.ClusterPoint) error {
		got[nameKey(p.Name, p.Country)] += p.Mentions
		return nil
	})
	if want := byName(wantPlaces); err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: PlacePoints %v (%v), want %v", name, got, err, want)
	}
}

// nameKey names a fixture place by name and country, as cluster points
// carry them.
func nameKey(name, country string) string { return name + "/" + country }

// byName rekeys counts by place key to nameKey.
func byName(perPlace map[string]int) map[string]int {
	out := map[string]int{}
	for k, n := range perPlace {
		if p, ok := fixturePlace(k); ok {
			out[nameKey(p.Name, p.Country)] += n
		}
	}
	return out
}

// fixturePlace is the fixture place with key.
func fixturePlace(key string) (geo.Place, bool) {
	for _, p := range []geo.Place{tripoli, libya, paris, texas, fiji, apia, med, tripoliLB} {
		if p.Key == key {
			return p, true
		}
	}
	return geo.Place{}, false
}

// testOrderAndPages checks that mentions come newest first and places
// most mentioned first, and that pages tile the whole listing.
func testOrderAndPages(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	seed(t, s)
	for _, c := range filterCases()[:6] {
		t.Run(c.name, func(t *testing.T) {
			var all []geo.MentionRow
			s.Mentions(ctx, c.f, func(r *geo.MentionRow) error { all = append(all, *r); return nil })
			for i := 1; i < len(all); i++ {
				if prev, cur := all[i-1], all[i]; cur.Article.Time > prev.Article.Time ||
					cur.Article.Time == prev.Article.Time && cur.Mention.ID > prev.Mention.ID {
					t.Fatalf("mention %d (%s, %d) after (%s, %d): not newest first", i, cur.Article.Time, cur.Mention.ID, prev.Article.Time, prev.Mention.ID)
				}
			}
			var paged []geo.MentionRow
			for off := 0; off <= len(all); off += 3 {
				f := c.f
				f.Limit, f.Offset = 3, off
				s.Mentions(ctx, f, func(r *geo.MentionRow) error { paged = append(paged, *r); return nil })
			}
			if fmt.Sprint(paged) != fmt.Sprint(all) {
				t.Errorf("pages of 3 differ from the listing:\n%v\n%v", paged, all)
			}
			var counts []int
			var names []string
			s.PlaceSummaries(ctx, c.f, func(p *geo.PlaceSummary) error {
				counts, names = append(counts, p.Mentions), append(names, p.Place.Name)
				return nil
			})
			if !slices.IsSortedFunc(counts, func(a, b int) int { return b - a }) {
				t.Errorf("places not most mentioned first: %v", counts)
			}
			var pagedNames []string
			for off := 0; off <= len(names); off += 2 {
				f := c.f
				f.Limit, f.Offset = 2, off
				s.PlaceSummaries(ctx, f, func(p *geo.PlaceSummary) error { pagedNames = append(pagedNames, p.Place.Name); return nil })
			}
			if fmt.Sprint(pagedNames) != fmt.Sprint(names) {
				t.Errorf("place pages %v, listing %v", pagedNames, names)
			}
		})
	}
}
