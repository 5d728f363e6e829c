package storetest

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// misrata is named by GeoNames as no English article writes it.
var misrata = geo.Place{Key: "2214846", GeonameID: 2214846, Name: "Mişrātah", Kind: geo.KindCity, Country: "LY", Admin1: "72", Point: orb.Point{15.09254, 32.37535}}

// saying makes an article that mentions p once per form, as written.
func saying(url string, p geo.Place, forms ...string) *geo.Article {
	a := article(url, "wire", url, day(1))
	for i, f := range forms {
		a.Mentions = append(a.Mentions, geo.Mention{Start: i, End: i + 1, Text: f, Sentence: url, Confidence: 0.9,
			Demonym: f == "Libyan", Place: p})
	}
	return a
}

// testKnownNames checks that a place is shown under the form its mentions
// write most (geo.KnownForm), in every read, with the gazetteer's name kept
// beside it; batch after batch.
func testKnownNames(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		art   *geo.Article
		place geo.Place
		want  string
	}{
		{"the form used most", saying("https://x.test/n1", misrata, "Misrata", "Mişrātah", "MISRATA", "MISRATA", "Misrata"), misrata, "Misrata"},
		{"counts add up over batches", saying("https://x.test/n2", misrata, "Misurata", "Misurata", "Misurata"), misrata, "Misurata"},
		{"a tie goes to the gazetteer's name", saying("https://x.test/n3", tripoli, "Tarabulus", "Tripoli"), tripoli, "Tripoli"},
		{"demonyms and abbreviations do not count", saying("https://x.test/n4", libya, "Libyan", "Libyan", "LBY", "Libya"), libya, "Libya"},
	} {
		if _, err := s.IngestBatch(ctx, []*geo.Article{c.art}); err != nil {
			t.Fatal(err)
		}
		id := c.art.Mentions[0].Place.ID
		p, _, err := s.Place(ctx, id, 1)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != c.want || p.GazetteerName != c.place.Name {
			t.Errorf("%s: place %q (gazetteer %q), want %q (%q)", c.name, p.Name, p.GazetteerName, c.want, c.place.Name)
		}
		got, err := s.Article(ctx, c.art.ID, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		if n := got.Mentions[0].Place.Name; n != c.want {
			t.Errorf("%s: the article's mention names %q, want %q", c.name, n, c.want)
		}
		err = s.PlaceSummaries(ctx, geo.Filter{Limit: 100}, func(ps *geo.PlaceSummary) error {
			if ps.Place.ID == id && ps.Place.Name != c.want {
				t.Errorf("%s: the summary names %q, want %q", c.name, ps.Place.Name, c.want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
