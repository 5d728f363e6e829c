package gazetteer

import (
	"slices"
	"testing"

	"mentionmap/geo"
)

// TestCorrectionsTeach checks that a source's later articles follow an
// analyst's corrections of a name, other sources do not, and an article's
// own qualifier wins.
func TestCorrectionsTeach(t *testing.T) {
	p := NewParser(def(t))
	p.LearnCorrections([]geo.CorrectionLesson{
		{Source: "beirut.example", Text: "Tripoli", PlaceKey: "LY"}, // overridden below
		{Source: "beirut.example", Text: "Tripoli", PlaceKey: "266826"},
		{Source: "beirut.example", Text: "Jordan", PlaceKey: ""},
		{Source: "beirut.example", Text: "Sirte", PlaceKey: "XX.unknown"},
	})
	for _, c := range []struct {
		name, source, text, mention string
		want                        string // its place's key; "" for no mention
		taught                      bool
	}{
		{"the correction", "beirut.example", "Clashes broke out in Tripoli on Monday.", "Tripoli", "266826", true},
		{"another source", "wire.example", "Clashes broke out in Tripoli on Monday.", "Tripoli", "2210247", false},
		{"a qualifier says otherwise", "beirut.example", "Clashes broke out in Tripoli, Libya on Monday.", "Tripoli", "2210247", false},
		{"not a place", "beirut.example", "Aid crossed into Jordan on Monday.", "Jordan", "", false},
		{"a place the gazetteer lacks is no lesson", "beirut.example", "Fighting in Sirte, Libya.", "Sirte", "2210554", false},
	} {
		ms := p.ParseFrom(c.source, c.text)
		i := slices.IndexFunc(ms, func(m geo.Mention) bool { return m.Text == c.mention })
		switch {
		case c.want == "" && i >= 0:
			t.Errorf("%s: %q still mentions %s", c.name, c.text, ms[i].Place.Key)
		case c.want == "":
		case i < 0:
			t.Errorf("%s: no mention of %q in %q", c.name, c.mention, c.text)
		case ms[i].Place.Key != c.want:
			t.Errorf("%s: %q is %s, want %s", c.name, c.mention, ms[i].Place.Key, c.want)
		case c.taught != slices.Contains(ms[i].Why.Reasons, "an analyst's correction for this source"):
			t.Errorf("%s: reasons %v", c.name, ms[i].Why.Reasons)
		case c.taught && (ms[i].Why.Candidates[0].Key != c.want || ms[i].Confidence < taughtConfidence):
			t.Errorf("%s: candidates %+v, confidence %.2f", c.name, ms[i].Why.Candidates, ms[i].Confidence)
		}
	}
}
