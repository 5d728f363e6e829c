package gazetteer

import "slices"

// A list that a plural designator closes names divisions, not towns:
// "Becker, Clay and Wilkin counties", "Kano and Kaduna states". Each name
// of the list means the division: "Clay" is Clay County, whether or not a
// town is called Clay, and "Kano" the state. News names counties this way
// far more often than one at a time.

// pluralDesignators are the plural words that close such a list, with the
// kind they name and the singular that the gazetteer's names of that kind
// end with ("Clay County"); an empty suffix is a kind named bare ("Kano",
// for Kano State).
var pluralDesignators = map[string]struct {
	kind   kind
	suffix string
}{
	"counties":     {kindAdmin2, " county"},
	"parishes":     {kindAdmin2, " parish"},
	"boroughs":     {kindAdmin2, " borough"},
	"states":       {kindAdmin1, ""},
	"provinces":    {kindAdmin1, ""},
	"governorates": {kindAdmin1, ""},
	"oblasts":      {kindAdmin1, ""},
	"prefectures":  {kindAdmin1, ""},
}

// maxListName is the most tokens a name of a list may have.
const maxListName = 3

// divisionLists finds the names of the lists that plural designators close
// in d, in the order of the text. A list has two names at least, joined by
// commas and a last "and" or "or".
func (g *Gazetteer) divisionLists(d *doc, buf *[]byte) []span {
	var out []span
	for p := 1; p < len(d.toks); p++ {
		if w := d.folded[p]; len(w) < len("states") || w[len(w)-1] != 's' {
			continue // no designator: spares a lookup for nearly every token
		}
		pd, ok := pluralDesignators[d.folded[p]]
		if !ok || d.toks[p].cap || !d.spaced(p) {
			continue
		}
		start := len(out)
		j, joined, comma := p-1, false, false
		for j >= 0 && d.toks[j].cap {
			a := j // the name's first token: capitalised words joined by spaces
			for a > 0 && j-a+1 < maxListName && d.space[a] && d.toks[a-1].cap {
				a--
			}
			if comma && g.namesArea(d, a, j+1, buf) {
				break // "In Texas, Eastland and Callahan counties": the list begins after it
			}
			if s, ok := g.listedName(d, a, j+1, pd.kind, pd.suffix, buf); ok {
				s.cue = [2]int{d.toks[p].start, d.toks[p].end}
				out = append(out, s)
			}
			switch {
			case a >= 2 && !joined && (d.folded[a-1] == "and" || d.folded[a-1] == "or") && d.spaced(a) &&
				(d.spaced(a-1) || d.gap(a-1) == ", "):
				j, joined = a-2, true
			case a >= 1 && joined && d.gap(a) == ", ":
				j, comma = a-1, true
			default:
				j = -1
			}
		}
		if !joined || len(out)-start < 2 {
			out = out[:start] // one name alone, or no list: "the Gulf states"
			continue
		}
		slices.Reverse(out[start:])
	}
	return out
}

// listedName is the division that tokens [a, b) of a list name, or the
// one their last words name ("Small Hitchcock and Hayes counties").
func (g *Gazetteer) listedName(d *doc, a, b int, want kind, suffix string, buf *[]byte) (span, bool) {
	for t0 := a; t0 < b; t0++ {
		k, ok := d.key(t0, b-t0, (*buf)[:0])
		*buf = k
		if !ok {
			continue
		}
		k = append(k, suffix...)
		*buf = k
		var in []entry
		for _, e := range g.words.getBytes(k).entries {
			if e.place >= 0 && g.facts[e.place].kind == want {
				in = append(in, e)
			}
		}
		if len(in) > 0 {
			return span{t0: t0, t1: b, start: d.toks[t0].start, end: d.toks[b-1].end, key: string(k), entries: in, narrowed: true}, true
		}
	}
	return span{}, false
}

// namesArea reports whether tokens [a, b), or their last words, mean a
// country or a first-level division before anything else.
func (g *Gazetteer) namesArea(d *doc, a, b int, buf *[]byte) bool {
	for t0 := a; t0 < b; t0++ {
		k, ok := d.key(t0, b-t0, (*buf)[:0])
		*buf = k
		if !ok {
			continue
		}
		if es := g.words.getBytes(k).entries; len(es) > 0 && es[0].place >= 0 {
			if kd := g.facts[es[0].place].kind; kd == kindCountry || kd == kindAdmin1 {
				return true
			}
		}
	}
	return false
}
