package gazetteer

// lexClass is the set of word lists that a folded word is on. The spotter
// and the recognizer ask several lists about the same few tokens around
// each candidate; one lookup per token, kept in the doc, answers them all,
// where a lookup per list and question hashed the word each time.
type lexClass uint32

const (
	lexKnown lexClass = 1 << iota // the token's lists have been looked up
	lexTitle
	lexGiven
	lexCalendar
	lexDirection
	lexLead
	lexLocPreposition
	lexDesignator
	lexDesignatorBefore
	lexDivisionRole
	lexCountryRole
	lexBodyHead
	lexDisease
	lexContext
)

// lexicon is every listed word with the lists it is on. The lists stay the
// source of truth: a word is added to them, never here.
var lexicon = func() map[string]lexClass {
	m := map[string]lexClass{}
	for _, l := range []struct {
		words map[string]bool
		class lexClass
	}{
		{titles, lexTitle}, {givenNames, lexGiven}, {calendarWords, lexCalendar}, {directions, lexDirection},
		{leadWords, lexLead}, {locPrepositions, lexLocPreposition}, {designators, lexDesignator},
		{designatorsBefore, lexDesignatorBefore}, {divisionRoles, lexDivisionRole}, {countryRoles, lexCountryRole},
		{bodyHeads, lexBodyHead}, {diseaseWords, lexDisease}, {contextWords, lexContext},
	} {
		for w := range l.words {
			m[w] |= l.class
		}
	}
	return m
}()

// is reports whether token i's folded form is on any of the lists c.
func (d *doc) is(i int, c lexClass) bool {
	l := d.lexes[i]
	if l == 0 {
		l = lexicon[d.folded[i]] | lexKnown
		d.lexes[i] = l
	}
	return l&c != 0
}
