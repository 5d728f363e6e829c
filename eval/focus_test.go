package eval

import (
	"os"
	"testing"

	"mentionmap/gazetteer"
	"mentionmap/geo"
)

// TestFocus scores geo.ChooseFocus on the articles of the development
// corpora that testdata/focus.jsonl annotates (the method is in its
// doc comment below), and fails under floors a little below the figures
// measured (docs/geoparser.md).
//
// How the articles were annotated: 25 LGL articles (every 23rd) and 20
// GeoWebNews articles (every 10th), read by title and lead. The country
// is the one the reported events happen in, "" when there are several
// or none (EU policy, world markets). The town is where the events
// happen, when one is named; a dateline counts as evidence, a passing
// comparison or a birthplace does not. The division is noted where the
// article names or implies one.
func TestFocus(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	f, err := os.Open("testdata/focus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := ReadFocusGold(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 40 {
		t.Fatalf("%d annotated articles; the method needs 40 or more", len(gold))
	}
	docs := map[string]map[string]Doc{}
	for _, corpus := range []string{"LGL", "GeoWebNews"} {
		docs[corpus] = corpusByID(t, "../../shared/corpora/"+corpus+".jsonl")
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := ParseFocus(gazetteer.NewParser(g), docs, gold)
	if err != nil {
		t.Fatal(err)
	}
	res := ScoreFocus(cases, geo.DefaultFocus)
	for _, m := range res.Misses {
		t.Log(m)
	}
	t.Logf("focus of %d articles: country %d, division %d/%d, town %d, all levels %d",
		res.Articles, res.Country, res.Admin1, res.Admin1Scored, res.City, res.All)
	// The rule's neighbours, for docs/geoparser.md: how much the shares matter.
	for _, c := range []float64{0.3, 0.4, 0.5, 0.6} {
		for _, d := range []float64{0.4, 0.5, 0.6} {
			for _, tw := range []float64{0.3, 0.4, 0.5, 0.6} {
				r := ScoreFocus(cases, geo.FocusRule{Country: c, Division: d, Town: tw})
				t.Logf("shares %.1f/%.1f/%.1f: country %d, division %d, town %d, all %d", c, d, tw, r.Country, r.Admin1, r.City, r.All)
			}
		}
	}
	floors := []struct {
		name      string
		got, want int
	}{
		{"country", res.Country, 38}, {"division", res.Admin1, 22}, {"town", res.City, 34}, {"all levels", res.All, 29},
	}
	for _, fl := range floors {
		if fl.got < fl.want {
			t.Errorf("%s right in %d articles; the floor is %d", fl.name, fl.got, fl.want)
		}
	}
}

// corpusByID reads a corpus beside the repository, failing under CI
// when it is missing, and skipping otherwise.
func corpusByID(t *testing.T, path string) map[string]Doc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil && os.Getenv("CI") == "true" {
		t.Fatalf("CI needs the corpora beside the repository: %v", err)
	}
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	defer f.Close()
	docs, err := ReadDocs(f)
	if err != nil {
		t.Fatal(err)
	}
	byID := make(map[string]Doc, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	return byID
}
