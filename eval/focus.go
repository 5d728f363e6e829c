package eval

import (
	"encoding/json"
	"fmt"
	"io"

	"mentionmap/gazetteer"
	"mentionmap/geo"
)

// FocusGold is one annotated article of testdata/focus.jsonl: what a
// reader judged it to be mainly about. Country "" means no one country,
// City "" no one town; Admin1 "" leaves the division unscored.
type FocusGold struct {
	Corpus  string `json:"corpus"`
	ID      string `json:"id"`
	Country string `json:"country"`
	Admin1  string `json:"admin1"`
	City    string `json:"city"` // the town's name
	Note    string `json:"note"`
}

// ReadFocusGold reads annotations, one JSON object per line.
func ReadFocusGold(r io.Reader) ([]FocusGold, error) {
	var out []FocusGold
	dec := json.NewDecoder(r)
	for {
		var g FocusGold
		if err := dec.Decode(&g); err == io.EOF {
			return out, nil
		} else if err != nil {
			return nil, fmt.Errorf("focus annotation %d: %w", len(out)+1, err)
		}
		out = append(out, g)
	}
}

// FocusResult counts the levels of ChooseFocus that match the readers'.
type FocusResult struct {
	Articles, Country, City, All int
	Admin1, Admin1Scored         int
	Misses                       []string // one line per article with a wrong level
}

// FocusCase is an annotated article with its parsed mentions.
type FocusCase struct {
	Gold     FocusGold
	Doc      Doc
	Mentions []geo.Mention
}

// ParseFocus parses each annotated article with p. docs are keyed by
// corpus, then id.
func ParseFocus(p geo.Geoparser, docs map[string]map[string]Doc, gold []FocusGold) ([]FocusCase, error) {
	out := make([]FocusCase, 0, len(gold))
	for _, g := range gold {
		d, ok := docs[g.Corpus][g.ID]
		if !ok {
			return nil, fmt.Errorf("focus annotation: no article %s in %s", g.ID, g.Corpus)
		}
		out = append(out, FocusCase{Gold: g, Doc: d, Mentions: p.Parse(d.Text)})
	}
	return out, nil
}

// ScoreFocus chooses each article's focus with rule r and compares it
// with the annotation.
func ScoreFocus(cases []FocusCase, r geo.FocusRule) *FocusResult {
	res := &FocusResult{}
	for _, c := range cases {
		g, d, ms := c.Gold, c.Doc, c.Mentions
		f := r.Choose(d.Title, d.Text, ms)
		city := ""
		for _, m := range ms {
			if m.Place.Key == f.City && f.City != "" {
				city = m.Place.Name
			}
		}
		res.Articles++
		okCountry := f.Country == g.Country
		okCity := gazetteer.Key(city) == gazetteer.Key(g.City)
		okAdmin1 := g.Admin1 == "" || f.Admin1 == g.Admin1 || cityDivision(ms, f.City) == g.Admin1
		res.Country += b2i(okCountry)
		res.City += b2i(okCity)
		if g.Admin1 != "" {
			res.Admin1Scored++
			res.Admin1 += b2i(okAdmin1)
		}
		if okCountry && okCity && okAdmin1 {
			res.All++
		} else {
			res.Misses = append(res.Misses, fmt.Sprintf("%s %s %q: chose %s/%s/%s, annotated %s/%s/%s",
				g.Corpus, g.ID, d.Title, f.Country, f.Admin1, city, g.Country, g.Admin1, g.City))
		}
	}
	return res
}

// cityDivision is the division of the town with key city: a town chosen
// with no division still names one.
func cityDivision(ms []geo.Mention, city string) string {
	for _, m := range ms {
		if city != "" && m.Place.Key == city {
			return m.Place.Country + "." + m.Place.Admin1
		}
	}
	return ""
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
