package gazetteer

import (
	"strings"
	"testing"
)

// TestLexicon checks that a token is on a class exactly when its folded
// form is on the class's list, for every listed word and a few others,
// asked twice so that the remembered answer is checked too.
func TestLexicon(t *testing.T) {
	lists := []struct {
		name  string
		words map[string]bool
		class lexClass
	}{
		{"titles", titles, lexTitle}, {"givenNames", givenNames, lexGiven}, {"calendarWords", calendarWords, lexCalendar},
		{"directions", directions, lexDirection}, {"leadWords", leadWords, lexLead},
		{"locPrepositions", locPrepositions, lexLocPreposition}, {"designators", designators, lexDesignator},
		{"designatorsBefore", designatorsBefore, lexDesignatorBefore}, {"divisionRoles", divisionRoles, lexDivisionRole},
		{"countryRoles", countryRoles, lexCountryRole}, {"bodyHeads", bodyHeads, lexBodyHead},
		{"diseaseWords", diseaseWords, lexDisease}, {"contextWords", contextWords, lexContext},
	}
	words := []string{"Sirte", "Tripoli", "GOVERNOR", "Fever", "zzz"}
	for _, l := range lists {
		for w := range l.words {
			if !strings.Contains(w, " ") {
				words = append(words, w)
			}
		}
	}
	d := newDoc(strings.Join(words, " "))
	defer d.release()
	if len(d.toks) != len(words) {
		t.Fatalf("%d tokens for %d words", len(d.toks), len(words))
	}
	for range 2 {
		for i := range d.toks {
			for _, l := range lists {
				if got, want := d.is(i, l.class), l.words[d.folded[i]]; got != want {
					t.Errorf("%q on %s: %v, want %v", words[i], l.name, got, want)
				}
			}
		}
	}
}
