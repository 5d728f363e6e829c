package gazetteer

import (
	"slices"
	"strings"
	"testing"
)

// TestReasons checks that the evidence for a chosen place is given in
// words; want is part of one reason.
func TestReasons(t *testing.T) {
	p := NewParser(def(t))
	tests := []struct {
		name, text, mention, want string
	}{
		{"a qualifier", "She moved to Alexandria, La., last year.", "Alexandria", `qualifier "La."`},
		{"a named state", "Storms hit Texas on Monday, and Paris lost power.", "Paris", "Texas named once"},
		{"a division's share of the article",
			"Teams from Longview, Tyler, Nacogdoches and Lufkin met in Greenville; one coach had moved there from Michigan.",
			"Greenville", "most other places named are in Texas"},
		{"a near town", "Crews drove from Benghazi to Al Marj.", "Al Marj", "km from Benghazi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, m := range p.Parse(tt.text) {
				if m.Text != tt.mention {
					continue
				}
				if !slices.ContainsFunc(m.Why.Reasons, func(r string) bool { return strings.Contains(r, tt.want) }) {
					t.Errorf("%s in %s: reasons %q, want %q", m.Text, m.Place.Name, m.Why.Reasons, tt.want)
				}
				return
			}
			t.Fatalf("no mention %q", tt.mention)
		})
	}
}
