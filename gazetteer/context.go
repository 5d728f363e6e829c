package gazetteer

import "strings"

// A name's own context can say which kind of place it is, whatever the
// article says elsewhere: "Kebbi State", "the state of Zamfara", "Washington
// state" and "the Georgia governor" name divisions; "Georgia's president"
// and "Jordan's King" name countries. Such a mention is narrowed to the
// meanings of that kind, and keeps its own sense in the article.

// designators name a first-level division when they follow its name
// ("Kebbi State", "Helmand Province", "Washington state"); the first five
// also before it, with "of" ("the state of Zamfara"; but "the territory of
// Georgia" is the country's land).
var designators = set("state", "province", "governorate", "oblast", "prefecture", "region", "territory")

var designatorsBefore = set("state", "province", "governorate", "oblast", "prefecture")

// divisionRoles after a name make it a division: "the Georgia governor",
// "Quebec's premier".
var divisionRoles = set("governor", "governors", "premier", "legislature", "legislators", "statehouse", "lieutenant")

// countryRoles after a name make it a country: "Georgia's president",
// "Jordan's King".
var countryRoles = set("president", "king", "queen", "prime", "parliament", "embassy", "ambassador", "monarch",
	"emir", "sultan", "junta")

// narrow restricts s to the meanings its context names, extending it over
// a capitalised designator ("Kebbi State"). It reports whether it did.
func (g *Gazetteer) narrow(d *doc, s *span) bool {
	want, extend, cue := g.contextKind(d, s)
	if want == kindCity {
		return false
	}
	var in []entry
	for _, e := range s.entries {
		if e.place >= 0 && g.facts[e.place].kind == want {
			in = append(in, e)
		}
	}
	if len(in) == 0 {
		return false
	}
	s.entries, s.narrowed, s.weak = in, true, false
	s.cue = [2]int{d.toks[cue].start, d.toks[cue].end}
	if extend {
		s.t1++
		s.end = d.toks[s.t1-1].end
	}
	return true
}

// contextKind reads the kind of place the words around s name, whether
// the designator after it belongs to the name, and which token said so;
// kindCity when they name none.
func (g *Gazetteer) contextKind(d *doc, s *span) (kind, bool, int) {
	if i := s.t0; i >= 2 && d.folded[i-1] == "of" && d.is(i-2, lexDesignatorBefore) && !d.toks[i-2].cap {
		return kindAdmin1, false, i - 2 // "the state of Zamfara"
	}
	j := s.t1
	if j >= len(d.toks) {
		return kindCity, false, 0
	}
	possessive := d.elidedS(j)
	if possessive {
		j++
	}
	if j >= len(d.toks) || !d.spaced(j) && !possessive {
		return kindCity, false, 0
	}
	w := d.folded[j]
	switch {
	case d.is(j, lexDesignator) && !possessive:
		// "Kebbi State" takes the designator into the name; not "Ohio State
		// University", a body, nor "Mississippi State": US states name
		// their universities and teams so.
		caps := d.toks[j].cap
		if caps && (j+1 < len(d.toks) && d.toks[j+1].cap && d.spaced(j+1) || w == "state" && g.usState(s)) {
			return kindCity, false, 0
		}
		return kindAdmin1, caps && !d.toks[j].upper, j
	case d.is(j, lexDivisionRole):
		return kindAdmin1, false, j
	case d.is(j, lexCountryRole):
		return kindCountry, false, j
	}
	return kindCity, false, 0
}

// elidedS reports whether token i is the "s" of a possessive: "Quebec's".
func (d *doc) elidedS(i int) bool {
	if d.folded[i] != "s" {
		return false
	}
	switch d.gap(i) {
	case "'", "’":
		return true
	}
	return false
}

// usState reports whether a meaning of s is a US state.
func (g *Gazetteer) usState(s *span) bool {
	for _, e := range s.entries {
		if e.place >= 0 && g.facts[e.place].kind == kindAdmin1 && g.places[e.place].Country == "US" {
			return true
		}
	}
	return false
}

// bodyHeads end the names of bodies and media named after a place:
// "Michigan State University", "the Fresno Ledger". The place in them is
// not a mention of the place.
var bodyHeads = set("university", "college", "ledger", "times", "post", "herald", "tribune", "gazette",
	"journal", "chronicle", "bee", "observer", "courier", "examiner", "register", "inquirer", "dispatch",
	"airlines", "airways", "symphony", "orchestra")

// diseaseWords after a name make it a disease: "West Nile virus", "Rift
// Valley fever", "Lyme disease".
var diseaseWords = set("virus", "fever", "disease", "flu", "encephalitis", "strain", "variant")

// namesThing reports whether s is part of the name of a body, a disease
// or a currency rather than a mention of the place.
func (g *Gazetteer) namesThing(d *doc, s *span) bool {
	j := s.t1
	if j >= len(d.toks) {
		return false
	}
	gap := d.gap(j)
	if gap == "$" || strings.HasPrefix(gap, "$") {
		return true // "US$", "HK$ 5"
	}
	if !d.spaced(j) {
		return false
	}
	if d.is(j, lexDisease) && !d.toks[j].cap {
		return true
	}
	if d.folded[j] == "state" && d.toks[j].cap && j+1 < len(d.toks) && d.spaced(j+1) {
		j++ // "Michigan State University"
	}
	return d.toks[j].cap && d.is(j, lexBodyHead)
}

// aviationWords make an airport's code or bare short name a mention of the
// airport: "LHR airport", "flights from Heathrow"; "the JFK files" and
// "Chopin" are not.
var aviationWords = set("airport", "airports", "flight", "flights", "flew", "fly", "flying", "plane", "planes",
	"airline", "airlines", "landed", "landing", "runway", "terminal", "passengers", "departures", "arrivals",
	"jet", "aircraft", "airliner")

// airportCodeInContext drops the meanings of a name that are an airport's
// code ("LHR") or bare short name ("Heathrow") unless an aviation word is
// near: the word "airport" beside a code, any aviation word within eight
// words of a short name; with aviation near, the airport goes before the
// small towns whose name it shares. It reports whether any meaning is left.
func (g *Gazetteer) airportCodeInContext(d *doc, s *span) bool {
	loose := 0
	for _, e := range s.entries {
		if g.looseAirport(e) {
			loose++
		}
	}
	if loose == 0 {
		return true
	}
	codeOK, nameOK := g.nearWords(d, s, 2, airportWord), g.nearWords(d, s, 8, aviationWords)
	in := s.entries[:0:0]
	for _, e := range s.entries {
		switch {
		case !g.looseAirport(e):
			if nameOK && g.facts[e.place].kind == kindCity {
				continue // "flights from Heathrow": the airport, not Heathrow, Florida
			}
		case e.flags&flagAbbrev != 0 && !codeOK:
			continue
		case e.flags&flagAbbrev == 0 && !nameOK:
			continue
		}
		in = append(in, e)
	}
	s.entries = in
	return len(in) > 0
}

var airportWord = set("airport", "airports")

// looseAirport reports whether e names an airport by its code or by a
// short name without the word "airport".
func (g *Gazetteer) looseAirport(e entry) bool {
	return e.place >= 0 && g.facts[e.place].kind == kindAirport && e.flags&(flagAbbrev|flagAlt) != 0
}

// nearWords reports whether a word of words lies within n tokens of s, in
// its sentence.
func (g *Gazetteer) nearWords(d *doc, s *span, n int, words map[string]bool) bool {
	for i := s.t0 - 1; i >= max(0, s.t0-n) && !d.sent[i+1]; i-- {
		if words[d.folded[i]] {
			return true
		}
	}
	for i := s.t1; i < min(len(d.toks), s.t1+n) && !d.sent[i]; i++ {
		if words[d.folded[i]] {
			return true
		}
	}
	return false
}

// listedWith reports whether s and other, in either order, are joined by
// "and", "or" or a comma, and other is a first-level division that s may
// also mean: "England and Wales", "Kano, Kaduna". Like things are listed
// together, so s then means a division of other's country, and is
// narrowed to those meanings; choosing again must not make it a town of
// that name in a division the article names ("Wales" in England).
func (g *Gazetteer) listedWith(d *doc, s, other *span) bool {
	o := &g.facts[other.place]
	if o.kind != kindAdmin1 || !d.joined(s, other) {
		return false
	}
	var in []entry
	for _, e := range s.entries {
		if f := &g.facts[e.place]; e.place >= 0 && f.kind == kindAdmin1 && f.country == o.country {
			in = append(in, e)
		}
	}
	if len(in) == 0 {
		return false
	}
	s.entries, s.narrowed, s.listed, s.weak = in, true, true, false
	s.cue = [2]int{other.start, other.end}
	return true
}

// joined reports whether spans a and b are next to each other, with
// "and", "or" or a comma between them.
func (d *doc) joined(a, b *span) bool {
	if b.t0 < a.t0 {
		a, b = b, a
	}
	switch b.t0 - a.t1 {
	case 0:
		return strings.TrimSpace(d.gap(b.t0)) == ","
	case 1:
		w := d.folded[a.t1]
		return (w == "and" || w == "or") && d.spaced(a.t1) && d.spaced(b.t0)
	}
	return false
}
