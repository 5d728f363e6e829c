package gazetteer

import (
	"fmt"
	"testing"

	"mentionmap/geo"
)

// TestParseFromSourceLocality checks that a source's earlier articles
// decide an ambiguous name its later article leaves unqualified, and only
// when they dominate one area.
func TestParseFromSourceLocality(t *testing.T) {
	const target = "MANSFIELD — The City Council voted on Monday to refinance the debt of the city."
	texas := []string{
		"The Arlington school board met on Tuesday in Arlington, Texas.",
		"Traffic between Fort Worth and Dallas, Texas slowed on Friday.",
	}
	tests := []struct {
		name    string
		history []string // earlier articles of the source
		source  string
		want    string // admin area of Mansfield; "" for as without a source
		target  string // the text, if not Mansfield's
	}{
		{"a local paper's town", texas, "star-telegram.com", "US.TX", ""},
		{"no source", texas, "", "", ""},
		{"a single earlier article is not enough", texas[:1], "star-telegram.com", "", ""},
		{"a paper of another state", []string{
			"Police in Columbus, Ohio said on Monday the road was closed.",
			"The Cleveland city council in Ohio met to discuss the budget.",
		}, "dispatch.com", "US.OH", ""},
		{"a wire that covers the world", []string{
			"Talks in Paris, France ended on Monday.",
			"Floods in Dhaka, Bangladesh displaced thousands.",
			"Troops left Kabul, Afghanistan on Friday.",
		}, "wire.example", "", ""},
		{"the article's own evidence wins", texas, "star-telegram.com", "GR.ESYE31",
			"Protests in Athens as Greece votes on the bailout."},
	}
	plain := area(t, NewParser(def(t)).Parse(target))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := NewParser(def(t))
			for _, h := range tc.history {
				g.ParseFrom(tc.source, h)
			}
			text := target
			if tc.target != "" {
				text = tc.target
			}
			got := area(t, g.ParseFrom(tc.source, text))
			want := tc.want
			if want == "" {
				want = plain
			}
			if got != want {
				t.Errorf("%q resolved in %s, want %s (Mansfield without a source: %s)", text, got, want, plain)
			}
		})
	}
	if plain == "US.TX" || plain == "US.OH" {
		t.Fatalf("without a source Mansfield is already in %s; the test cannot tell", plain)
	}
}

// area is the country and division of the first mention, as "US.TX".
func area(t *testing.T, ms []geo.Mention) string {
	t.Helper()
	if len(ms) == 0 {
		t.Fatal("no mention found")
	}
	return fmt.Sprintf("%s.%s", ms[0].Place.Country, ms[0].Place.Admin1)
}
