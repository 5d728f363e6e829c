package gazetteer

// span is a candidate place name in a text: tokens [t0, t1).
type span struct {
	t0, t1     int
	start, end int
	key        string
	name       int32 // key numbered per article, by doc.numberNames
	common     bool  // the key is a single ordinary English word
	entries    []entry
	weak       bool // a common word or small place: needs support from context
	dateline   bool // opens a line in capitals before a dash: "NEW YORK (AP) —"
	unbacked   bool // weak, and the article does not support it
	narrowed   bool // its own context names its kind (see narrow)
	taught     bool // an analyst's correction for the source placed it (taught.go)
	listed     bool // kept as a division listed with another (see listedWith); cue is the other
	ranked     ranking
	senseFrom  int    // the start of the span whose sense it took (its own, or an earlier mention's)
	qualEnd    int    // the end of an "X, Y" qualifier's text, when qual >= 0
	cue        [2]int // the word that narrowed it: "governor", "State"
	qual       int32  // the area of an "X, Y" qualifier, or -1
	place      int32  // resolved place
	confidence float64
}

// spot finds candidate place names in d, longest first, and drops the ones
// that are people, organisations or ordinary words.
func (g *Gazetteer) spot(d *doc) []span {
	spans := d.spans[:0]
	if d.persons == nil {
		d.persons = map[string]bool{}
	}
	persons := d.persons
	clear(persons)
	buf := d.keyBuf
	personEnd := -1 // the token after the last name after a title or given name
	lists := g.divisionLists(d, &buf)
	for i := 0; i < len(d.toks); {
		for len(lists) > 0 && lists[0].t0 < i {
			lists = lists[1:]
		}
		if len(lists) > 0 && lists[0].t0 == i { // "Clay" in "Clay and Wilkin counties"
			if d.maxSpans < 0 || len(spans) < d.maxSpans {
				spans = append(spans, lists[0])
			}
			i, lists = lists[0].t1, lists[1:]
			continue
		}
		if !d.toks[i].cap { // most tokens: not a name, and no span of some 200 bytes to return
			i++
			continue
		}
		s, ok := g.longest(d, i, &buf)
		if !ok {
			i++
			continue
		}
		i = s.t1
		if s.entries[0].flags&flagBlock != 0 {
			continue
		}
		if person := g.isPerson(d, &s) || g.continuesName(d, &s, personEnd); person || g.gluedToName(d, &s) {
			persons[s.key] = true
			if person {
				personEnd = s.t1
			}
			continue
		}
		s.end = dottedEnd(d, s)
		if g.narrow(d, &s) {
			i = s.t1
		}
		switch {
		case !g.keep(d, &s):
		case d.maxSpans >= 0 && len(spans) >= d.maxSpans:
			d.extraSpans++ // counted, not kept (ParseLimited)
		default:
			s.dateline = d.dateline(&s)
			spans = append(spans, s)
		}
	}
	d.spans, d.keyBuf = spans, buf
	return dropPersons(d, spans, persons)
}

// keepSpans keeps, in order and in place, the spans for which keep holds.
// A span is some 200 bytes: one is copied only to close a gap.
func keepSpans(spans []span, keep func(s *span, i int) bool) []span {
	n := 0
	for i := range spans {
		if keep(&spans[i], i) {
			if n != i {
				spans[n] = spans[i]
			}
			n++
		}
	}
	return spans[:n]
}

// longest returns the longest gazetteer name starting at token i, which
// has a capital (spot asks only for those).
func (g *Gazetteer) longest(d *doc, i int, buf *[]byte) (span, bool) {
	t := d.toks[i]
	w := g.wordAt(d, i)
	for n := min(maxNameTokens, len(d.toks)-i); n >= 1; n-- {
		j := i + n - 1
		if w.lengths&(1<<(n-1)) == 0 || n > 1 && !d.toks[j].cap && !d.elided(j) {
			continue
		}
		if n == 1 {
			if es := caseFilter(d, i, 1, w.entries); len(es) > 0 {
				return span{t0: i, t1: i + 1, start: t.start, end: t.end, key: d.folded[i], entries: es, common: w.common}, true
			}
			continue
		}
		k, ok := d.key(i, n, (*buf)[:0])
		*buf = k
		if !ok {
			continue
		}
		es := g.words.getBytes(k).entries
		if len(es) == 0 {
			continue
		}
		if es = caseFilter(d, i, n, es); len(es) > 0 && !g.cityBody(d, j, es) {
			return span{t0: i, t1: i + n, start: t.start, end: d.toks[j].end, key: string(k), entries: es}, true
		}
	}
	return span{}, false
}

// key builds the lookup key of tokens [i, i+n), if they can form a name.
func (d *doc) key(i, n int, b []byte) ([]byte, bool) {
	for j := i; j < i+n; j++ {
		if j > i {
			if !d.joinable(j) {
				return b, false
			}
			b = append(b, ' ')
		}
		b = append(b, d.folded[j]...)
	}
	return b, true
}

// caseFilter keeps the meanings whose case rules the surface form meets:
// abbreviations only in capitals, short all-caps words only as
// abbreviations ("IT" is not Italy, "US" is the United States).
func caseFilter(d *doc, i, n int, es []entry) []entry {
	allCaps := true
	for j := i; j < i+n; j++ {
		t := d.toks[j]
		if !t.upper && !(t.cap && t.end-t.start == 1) {
			allCaps = false
		}
	}
	short := n == 1 && d.toks[i].upper && d.toks[i].end-d.toks[i].start <= 3
	if !short && !allCaps {
		plain := true
		for _, e := range es {
			if e.flags&(flagBlock|flagAbbrev) != 0 {
				plain = false
				break
			}
		}
		if plain {
			return es // the common case: nothing to filter, nothing to copy
		}
	}
	blocked := false
	out := es[:0:0]
	for _, e := range es {
		switch {
		case e.flags&flagBlock != 0:
			if allCaps || !short {
				blocked = true
			}
		case e.flags&flagAbbrev != 0:
			if allCaps {
				out = append(out, e)
			}
		case !short:
			out = append(out, e)
		}
	}
	if blocked {
		return []entry{{place: -1, flags: flagBlock}}
	}
	return out
}

// dottedEnd includes the final period of a dotted abbreviation ("U.S.",
// "W.Va.") in the span.
func dottedEnd(d *doc, s span) int {
	if s.t1-s.t0 < 2 || s.end >= len(d.text) || d.text[s.end] != '.' {
		return s.end
	}
	for j := s.t0 + 1; j < s.t1; j++ {
		if g := d.gap(j); g != "." && g != ". " {
			return s.end
		}
	}
	return s.end + 1
}

// cityBody reports whether a name ending in "City" at token j, with
// meanings es, begins the name of a city's body: "Dublin City Council" is
// Dublin's council, not the Irish county of Dublin City, while "Kansas
// City Council" is Kansas City's, a city by that whole name.
func (g *Gazetteer) cityBody(d *doc, j int, es []entry) bool {
	if d.folded[j] != "city" || j+1 >= len(d.toks) || !d.toks[j+1].cap || !d.spaced(j+1) || d.sent[j+1] {
		return false
	}
	for _, e := range es {
		if e.place < 0 || e.ownName() && g.facts[e.place].kind == kindCity {
			return false
		}
	}
	return true
}

// namesBody reports whether a common word that opens a sentence is the
// place in the name of a body, as the next capitalised word shows:
// "Reading Borough Council", "Buffalo Police"; not "Reading the report".
// Such a candidate stays weak: the article must support it.
func (g *Gazetteer) namesBody(d *doc, s *span) bool {
	j := s.t1
	if d.title[s.t0] || j >= len(d.toks) || !d.toks[j].cap || d.toks[j].upper || !d.spaced(j) || d.sent[j] {
		return false
	}
	return !d.is(j, lexLead|lexTitle|lexCalendar) && g.wordAt(d, j).common
}

// keep applies the context rules to a candidate and marks weak ones.
func (g *Gazetteer) keep(d *doc, s *span) bool {
	if g.namesThing(d, s) || !g.airportCodeInContext(d, s) {
		return false
	}
	single := s.t1-s.t0 == 1
	if single && s.key == d.folded[s.t0] && d.is(s.t0, lexCalendar|lexDirection|lexTitle) {
		return false
	}
	if g.inLongerName(d, s) {
		return false
	}
	demonym := s.entries[0].flags&flagDemonym != 0
	if single && s.common && !demonym {
		big := g.bigPlace(s.entries)
		if (d.sent[s.t0] || d.title[s.t0]) && !big && !g.namesBody(d, s) {
			return false
		}
		s.weak = !big && !g.afterPreposition(d, s.t0)
	}
	abbrev := s.entries[0].flags&flagAbbrev != 0
	if single && !demonym && !abbrev && (g.smallOnly(s.entries) || s.end-s.start <= 2 || g.altTownsOnly(s.entries)) {
		s.weak = true // a small town, a two-letter name such as "Po", or "Haydn", another spelling of Hayden
	}
	return true
}

// altTownPopulation is the size below which a town known by a name only
// as an alternate ("Haydn" for a US town called Hayden) needs support.
const altTownPopulation = 20_000

// altTownsOnly reports whether every meaning is a smaller town's
// alternate name.
func (g *Gazetteer) altTownsOnly(es []entry) bool {
	for _, e := range es {
		if f := &g.facts[e.place]; e.ownName() || f.kind != kindCity || f.pop >= altTownPopulation {
			return false
		}
	}
	return true
}

// inLongerName reports whether s is glued to capitalised words that are
// names, as in "Paris Hilton", "Al-Monitor" or "Victoria Beckham". A place
// before an ordinary word is a modifier and stays: "Texas Department of
// Health", "Dublin City Council", "Laurel County Clerk".
func (g *Gazetteer) inLongerName(d *doc, s *span) bool {
	if s.t1 < len(d.toks) {
		next := d.toks[s.t1]
		gap := d.gap(s.t1)
		glued := d.spaced(s.t1) && !d.sent[s.t1] && !d.title[s.t0]
		hyph := gap == "-" && !next.upper
		if next.cap && (glued || hyph) && !d.toks[s.t1].digit {
			w := d.folded[s.t1]
			// After a given name, only a country, division or region (not a
			// town, not a direction) makes the pair a place: "Victoria
			// Beckham", "George Bush", "Scott West" are names.
			if glued && givenNames[s.key] && !g.isPlaceWord(d, s.t0) && !titles[w] && (!g.isPlaceWord(d, s.t1) || directions[w]) {
				return true
			}
			if glued && g.headWord(s) && next.digit {
				return true // "Section 2AA", "Interstate 95"
			}
			if next := g.wordAt(d, s.t1); !leadWords[w] && !titles[w] && !calendarWords[w] && !next.common && !g.placeLike(next.entries) {
				return true
			}
		}
	}
	if s.t0 > 0 {
		prev := d.toks[s.t0-1]
		gap := d.gap(s.t0)
		glued := d.spaced(s.t0) && !d.sent[s.t0-1] && !d.title[s.t0]
		hyph := gap == "-" && !prev.upper
		if prev.cap && (glued || hyph) {
			w := d.folded[s.t0-1]
			if g.headWord(s) && !leadWords[w] {
				return true // a common word ending a name: "Wichita Street"
			}
			if prev := g.wordAt(d, s.t0-1); !leadWords[w] && !g.placeLike(prev.entries) && !prev.common {
				return true
			}
		}
	}
	return g.headWord(s) && g.afterOf(d, s.t0)
}

// headWord reports whether s is a single common word that can end a
// longer name: "Cooper Street", "Chamber of Commerce".
func (g *Gazetteer) headWord(s *span) bool {
	return s.t1-s.t0 == 1 && s.common && s.entries[0].flags&flagDemonym == 0
}

// afterOf reports "Capitalised of" before token i: "Chamber of Commerce".
func (g *Gazetteer) afterOf(d *doc, i int) bool {
	return i >= 2 && d.folded[i-1] == "of" && d.spaced(i) && d.spaced(i-1) && d.toks[i-2].cap && !d.sent[i-2]
}

// placeLike reports whether a word with meanings es is on its own a place
// that the spotter would keep: "Syrian Kurdistan", "Sirte Libya".
func (g *Gazetteer) placeLike(es []entry) bool {
	for _, e := range es {
		if e.place < 0 {
			return false
		}
		if f := &g.facts[e.place]; f.kind != kindCity || f.pop >= 100_000 || e.flags&flagDemonym != 0 {
			return true
		}
	}
	return false
}

// afterPreposition reports whether token i follows "in", "near", "from"...
func (g *Gazetteer) afterPreposition(d *doc, i int) bool {
	return i > 0 && d.spaced(i) && locPrepositions[d.folded[i-1]]
}

// bigPlace reports whether the best meaning is a country, division, region
// or a city of a million people called by its own name: safe even when the
// name is a common word. ("Part" is an alternate name of Perth.)
func (g *Gazetteer) bigPlace(es []entry) bool {
	f := &g.facts[es[0].place]
	return f.kind != kindCity || f.pop >= 1_000_000 && es[0].ownName()
}

// smallOnly reports whether every meaning is a small city.
func (g *Gazetteer) smallOnly(es []entry) bool {
	for _, e := range es {
		if f := &g.facts[e.place]; f.kind != kindCity || f.pop >= smallPopulation {
			return false
		}
	}
	return true
}

// smallPopulation is the size below which a lone town name needs support
// from the rest of the article.
const smallPopulation = 5000
