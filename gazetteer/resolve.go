package gazetteer

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// prior scores a meaning before any context: bigger and more important
// places first.
func (g *Gazetteer) prior(e entry) float64 {
	if e.place < 0 {
		return 100
	}
	f := &g.facts[e.place]
	pop := int64(f.pop)
	switch f.kind {
	case kindCountry:
		return 4 + math.Log10(float64(pop)+10)/50
	case kindRegion, kindWater:
		return 3.3
	case kindAdmin1:
		return 1.2 + 0.8*popScale(pop)
	case kindAdmin2:
		return 0.7 + 0.5*popScale(pop)
	case kindAirport:
		return 0.4 + 1.3*popScale(pop) // large 1.5, medium 1.3: as a sizeable town
	}
	s := math.Log10(float64(pop)+10) / 7 * 2.2
	switch f.rank {
	case rankCapital:
		s += 1.2
	case rankSeat:
		s += 0.2
	}
	if e.flags&flagAlt != 0 && pop < 1_000_000 {
		s -= 0.5 // "Jackson" is an alternate name of Byron, Georgia
	}
	return s
}

// popScale maps a population to 0..1 on a log scale (10 million is 1).
func popScale(pop int64) float64 {
	return math.Min(1, math.Log10(float64(pop)+10)/7)
}

func sat(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return x / (x + 0.5)
}

// countryWeight is how much naming a country backs each kind of place in
// it: a division of a country in the news is likelier than a small town.
func countryWeight(k kind) float64 {
	switch k {
	case kindAdmin1:
		return 2.5
	case kindAdmin2:
		return 1.5
	case kindCity:
		return 2
	}
	return 0
}

// support scores how well the rest of the article backs place i for name:
// its country named, plus local support (see local).
func (g *Gazetteer) support(ev *evidence, name, i int32) float64 {
	f := &g.facts[i]
	if f.country < 0 || ev.weight[f.country] == 0 { // nothing else in the article points to this country
		if g.paired(&ev.counties, name, i) {
			return countyBonus
		}
		return 0
	}
	return countryWeight(f.kind)*sat(ev.from(name, f.country)) + g.local(ev, name, i)
}

// Division shares: "Greenville" in an article whose other towns are in
// East Texas is Greenville, Texas, though the article names Michigan,
// where the larger Greenville lies. A named state backs its towns (see
// local) from one mention on and no more; the share of the article's
// resolved places in a country that lie in each of its divisions tells an
// article about one state from one that names another in passing.
const (
	shareWeight = 0.75 // for a division that holds all of its country's weight
	shareFloor  = 0.5  // the evidence a division needs, about one clear town, before its share counts
)

// share scores the part of the weight of the divisions of f's country
// that lies in f's division, from names other than name (divisionShare).
func share(ev *evidence, name int32, f *facts) float64 {
	sh, w := ev.divisionShare(name, f)
	return shareWeight * sh * sat(w-shareFloor)
}

// shareCounts reports whether a division's share may change the place of
// s: whether its two best meanings lie closer than the largest share
// could move them. A qualified or narrowed name is chosen again as it
// was, so that its sense still reaches the name's plain mentions.
func shareCounts(s *span) bool {
	r := &s.ranked
	return s.qual >= 0 || s.narrowed || r.n >= 2 && r.scores[0]-r.scores[1] < shareWeight
}

// rechoose resolves the kept spans once more, now weighing each
// division's share (see share). It runs after recognition, whose features
// read the first resolution.
func (g *Gazetteer) rechoose(d *doc, spans []span) {
	d.ev.shares = true
	g.choose(&d.ev, spans)
}

// local scores the support of place i below country level: its division
// named, and places named near it.
func (g *Gazetteer) local(ev *evidence, name, i int32) float64 {
	f := &g.facts[i]
	s := 0.0
	if f.kind != kindCountry {
		if w := ev.from(name, f.admin1); w > 0 {
			s += sat(w)
		}
	}
	if g.paired(&ev.counties, name, i) {
		s += countyBonus
	}
	pt := g.places[i].Point
	switch best := nearestKm(ev.anchors, name, pt.Lat(), pt.Lon()); {
	case best < 50:
		s += 1
	case best < 200:
		s += 0.5
	}
	return s
}

// resolve picks one place per span: qualifiers first, then prior and
// context, with one sense per name in the article.
//
// A weak candidate that the article does not support is dropped, unless
// keepUnbacked is set: then it is marked, for the recognizer to judge.
func (g *Gazetteer) resolve(d *doc, spans []span, keepUnbacked bool) []span {
	spans = g.qualify(d, spans)
	for i := range spans {
		spans[i].place = spans[i].entries[0].place
	}
	ev := &d.ev
	ev.start(len(g.areas), d.numberNames(spans))
	g.markCounties(&ev.counties, ev.marked, spans)
	for round := 0; round < 2; round++ {
		g.gather(ev, spans)
		g.choose(ev, spans)
	}
	return keepSpans(spans, func(s *span, _ int) bool {
		s.unbacked = s.weak && s.qual < 0 && g.local(ev, s.name, s.place) < weakSupport
		return !s.unbacked || keepUnbacked
	})
}

// numberNames numbers the distinct names of spans from 0 and returns how
// many there are.
func (d *doc) numberNames(spans []span) int {
	if d.names == nil {
		d.names = map[string]int32{}
	}
	clear(d.names)
	for i := range spans {
		n, ok := d.names[spans[i].key]
		if !ok {
			n = int32(len(d.names))
			d.names[spans[i].key] = n
		}
		spans[i].name = n
	}
	return len(d.names)
}

// weakSupport is the context score a weak candidate needs to be kept.
const weakSupport = 0.5

// choose resolves each name once (per qualifier) and applies it to every
// occurrence. An unqualified name takes the sense of a qualified
// occurrence: "Paris, Texas ... Paris".
func (g *Gazetteer) choose(ev *evidence, spans []span) {
	plain := ev.senses // per name: its unqualified sense
	clear(plain)
	var qualified []sense
	for i := range spans {
		s := &spans[i]
		if ev.shares && !shareCounts(s) {
			continue // keeps its place: no division's share can change it
		}
		if c := findSense(plain, qualified, s); c != nil && !s.narrowed {
			c.apply(s)
			continue
		}
		best, second := math.Inf(-1), math.Inf(-1)
		towns := s.dateline && g.hasTown(s.entries)
		country := g.countryMeaning(s)
		s.ranked = ranking{}
		for _, e := range s.entries {
			if towns && g.facts[e.place].kind != kindCity {
				continue // a dateline names the town a story was filed from
			}
			if f := &g.facts[e.place]; country >= 0 && e.place != country && f.country == g.facts[country].country {
				continue // "Mexico" is the country, not its state or capital of that name
			}
			sc := float64(e.prior) + g.support(ev, s.name, e.place)
			if ev.shares && country < 0 {
				sc += share(ev, s.name, &g.facts[e.place])
			}
			s.ranked.add(e.place, sc)
			if sc > best {
				best, second, s.place = sc, best, e.place
			} else if sc > second {
				second = sc
			}
		}
		s.ranked.seat = false
		if seat := g.preferSeat(s.entries, s.place); seat != s.place {
			s.place, best, second = seat, 0, math.Inf(-1)
			s.ranked.seat = true
		}
		s.confidence, s.senseFrom = confidence(s, best-second), s.start
		c := sense{s.name, s.qual, s.place, s.confidence, true, s.ranked, s.start}
		if s.qual >= 0 || s.narrowed {
			qualified = append(qualified, c)
		} else {
			plain[s.name] = c
		}
	}
	for _, c := range qualified {
		plain[c.name] = c
	}
	for i := range spans {
		if c := &plain[spans[i].name]; c.set && spans[i].qual < 0 && !spans[i].narrowed {
			c.apply(&spans[i])
		}
	}
}

// countryMeaning is the country s names, or -1. A plain mention of a
// country's name means the country; its division or capital of the same
// name needs a qualifier or its own context (narrow).
func (g *Gazetteer) countryMeaning(s *span) int32 {
	if s.qual >= 0 || s.narrowed || s.dateline {
		return -1
	}
	for _, e := range s.entries {
		if e.place >= 0 && g.facts[e.place].kind == kindCountry && e.flags&flagAbbrev == 0 {
			return e.place
		}
	}
	return -1
}

// hasTown reports whether some meaning is a town.
func (g *Gazetteer) hasTown(es []entry) bool {
	for _, e := range es {
		if g.facts[e.place].kind == kindCity {
			return true
		}
	}
	return false
}

// sense is the meaning chosen for a name under a qualifier (or -1).
type sense struct {
	name, qual int32
	place      int32
	conf       float64
	set        bool
	ranked     ranking
	from       int // the start of the span it was chosen for
}

// apply gives span s the sense.
func (c *sense) apply(s *span) {
	s.place, s.confidence, s.ranked, s.senseFrom = c.place, c.conf, c.ranked, c.from
}

// findSense returns the sense already chosen for span s, or nil.
func findSense(plain, qualified []sense, s *span) *sense {
	if s.qual < 0 {
		if plain[s.name].set {
			return &plain[s.name]
		}
		return nil
	}
	for i := range qualified {
		if qualified[i].name == s.name && qualified[i].qual == s.qual {
			return &qualified[i]
		}
	}
	return nil
}

// preferSeat replaces a division by the city it is named after when that
// city is its seat or a large city: "Tripoli" is the city, not the district.
func (g *Gazetteer) preferSeat(es []entry, chosen int32) int32 {
	d := &g.facts[chosen]
	if d.kind != kindAdmin1 && d.kind != kindAdmin2 {
		return chosen
	}
	for _, e := range es {
		f := &g.facts[e.place]
		if f.kind == kindCity && f.country == d.country && f.admin1 == d.admin1 && e.ownName() &&
			(f.rank != rankOther || f.pop >= 100_000) {
			return e.place
		}
	}
	return chosen
}

// confidence combines how sure recognition is with the margin between
// the best and second-best meanings.
func confidence(s *span, margin float64) float64 {
	base := 0.9
	switch {
	case s.weak:
		base = 0.6
	case s.t1-s.t0 == 1 && len(s.entries) > 1 && s.qual < 0:
		base = 0.8
	}
	if math.IsInf(margin, 1) {
		return round2(base)
	}
	return round2(base * (0.55 + 0.45*math.Tanh(margin)))
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// qualify handles "X, Y" where Y names X's country or division:
// "Alexandria, Virginia", "Paris, Texas", "Alexandria, Va.". A state
// abbreviation that qualifies a town is a mention of the state too, and
// is added to spans, which qualify returns.
func (g *Gazetteer) qualify(d *doc, spans []span) []span {
	n := len(spans)
	for i := 0; i < n; i++ {
		s := &spans[i]
		s.qual = -1
		if s.t1 >= len(d.toks) || strings.TrimSpace(d.gap(s.t1)) != "," {
			continue
		}
		area, abbrev := int32(-1), span{}
		if i+1 < n && spans[i+1].t0 == s.t1 {
			area = g.areaOf(spans[i+1].entries)
		}
		if area < 0 {
			area, abbrev = g.stateAbbrev(d, s.t1)
		}
		if area < 0 {
			continue
		}
		var in []entry
		for _, e := range s.entries {
			if e.place >= 0 && g.within(e.place, area) {
				in = append(in, e)
			}
		}
		if len(in) > 0 {
			s.entries, s.qual, s.weak = in, area, false
			s.qualEnd = spans[min(i+1, n-1)].end
			if abbrev.entries != nil {
				s.qualEnd = abbrev.end
			}
			switch {
			case abbrev.entries == nil:
			case i+1 < n && spans[i+1].t0 == abbrev.t0:
				spans[i+1] = abbrev // "Kan" is a town in China; "Kansas City, Kan." names Kansas
			default:
				spans = append(spans, abbrev)
			}
		}
	}
	if len(spans) > n {
		slices.SortStableFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	}
	return spans
}

// stateAbbrev reads the abbreviation of a US state, Canadian province or
// Australian state at token i ("Va.", "N.Y.", "TX", "Sask.", "NSW") and
// returns its area, or -1, with a span that names the division (and the
// abbreviation's final period).
func (g *Gazetteer) stateAbbrev(d *doc, i int) (int32, span) {
	for n := 2; n >= 1; n-- {
		if i+n > len(d.toks) || !d.toks[i].cap {
			continue
		}
		k, ok := d.key(i, n, nil)
		if !ok {
			continue
		}
		code, ok := divisionAbbrev(string(k))
		if !ok {
			continue
		}
		a, ok := g.areas[code]
		if !ok {
			return -1, span{}
		}
		s := span{t0: i, t1: i + n, start: d.toks[i].start, end: d.toks[i+n-1].end, key: string(k), qual: a}
		if place, ok := g.admin1[code]; ok {
			s.entries = []entry{{place: place}}
			if s.end < len(d.text) && d.text[s.end] == '.' && !(n == 1 && d.toks[i].upper) {
				s.end++ // "Ky.", "B.C.", but not the full stop after "NSW"
			}
		}
		return a, s
	}
	return -1, span{}
}

// divisionAbbrev gives the admin-1 code of a qualifier abbreviation key.
func divisionAbbrev(k string) (string, bool) {
	if st, ok := usStates[k]; ok {
		return "US." + st, true
	}
	code, ok := otherDivisions[k]
	return code, ok
}
