package gazetteer

import (
	"slices"
	"strings"
	"testing"

	"mentionmap/geo"
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
		{"a division listed with another", "Officers in England and Wales were told.", "Wales", `listed with "England"`},
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

// TestWhyCandidates checks every mention's candidates over the demo
// articles: the chosen place first, each meaning once, shares that sum to
// at most 1, and no more than maxCandidates.
func TestWhyCandidates(t *testing.T) {
	p := NewParser(def(t))
	overruled := 0
	for _, text := range demoTexts(t) {
		for _, m := range p.Parse(text) {
			c := m.Why.Candidates
			if len(c) == 0 || len(c) > maxCandidates || c[0].Key != m.Place.Key {
				t.Errorf("%s (%s): candidates %+v", m.Text, m.Place.Key, c)
				continue
			}
			sum := 0.0
			for i := range c {
				sum += c[i].Score
				if slices.ContainsFunc(c[:i], func(o geo.Candidate) bool { return o.Key == c[i].Key }) {
					t.Errorf("%s: %s listed twice in %+v", m.Text, c[i].Key, c)
				}
			}
			if sum > 1.002 {
				t.Errorf("%s: shares %+v", m.Text, c)
			}
			if len(c) > 1 && c[1].Score > c[0].Score {
				overruled++
			}
		}
	}
	if overruled == 0 {
		t.Error("no mention whose chosen place was not the best scored: the test no longer covers that case")
	}
}
