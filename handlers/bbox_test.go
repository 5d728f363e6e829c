package handlers_test

import (
	"encoding/json"
	"testing"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

type mentionOf struct {
	Text  string    `json:"text"`
	Place geo.Place `json:"place"`
}

// TestAreaExtents checks that the answers naming places give an area its
// extent, holding its point, and a town none.
func TestAreaExtents(t *testing.T) {
	base := seeded(t)
	get := func(path string, into any) {
		t.Helper()
		res, body := do(t, "GET", base+path, "", "")
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, res.StatusCode, body)
		}
		if err := json.Unmarshal(body, into); err != nil {
			t.Fatal(err)
		}
	}
	var art struct{ Mentions []mentionOf }
	get("/articles/1", &art)
	var libya, sirte struct {
		Place    geo.Place
		Mentions []struct{ Mention mentionOf }
	}
	get("/places/1", &libya)
	get("/places/2", &sirte)
	places := []mentionOf{libya.Mentions[0].Mention, {Text: "(place)", Place: libya.Place}, {Text: "(place)", Place: sirte.Place}}
	tests := []struct {
		name string
		ms   []mentionOf
	}{
		{"an article's mentions", art.Mentions},
		{"a place and its mentions", places},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			areas, towns := 0, 0
			for _, m := range tt.ms {
				switch b := m.Place.BBox; m.Place.Kind {
				case geo.KindCity:
					towns++
					if b != nil {
						t.Errorf("town %s has bbox %v", m.Place.Name, *b)
					}
				default:
					areas++
					if b == nil || !b.Contains(orb.Point{17, 28}) {
						t.Errorf("%q (%s): bbox %v, want Libya's, holding its point", m.Text, m.Place.Key, b)
					}
				}
			}
			if areas == 0 || towns == 0 {
				t.Errorf("%d areas and %d towns; want both", areas, towns)
			}
		})
	}
}
