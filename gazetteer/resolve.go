package gazetteer

import (
	"math"
	"sort"
	"strings"

	"mentionmap/geo"
)

// prior scores a meaning before any context: bigger and more important
// places first.
func (g *Gazetteer) prior(e entry) float64 {
	if e.place < 0 {
		return 100
	}
	p := g.places[e.place]
	switch p.Kind {
	case geo.KindCountry:
		return 4 + math.Log10(float64(p.Population)+10)/50
	case geo.KindRegion, geo.KindWater:
		return 3.3
	case geo.KindAdmin1:
		return 1.2 + 0.8*popScale(p.Population)
	case geo.KindAdmin2:
		return 0.7 + 0.5*popScale(p.Population)
	}
	s := math.Log10(float64(p.Population)+10) / 7 * 2.2
	switch g.rank[e.place] {
	case rankCapital:
		s += 1.2
	case rankSeat:
		s += 0.2
	}
	if e.flags&flagAlt != 0 && p.Population < 1_000_000 {
		s -= 0.5 // "Jackson" is an alternate name of Byron, Georgia
	}
	return s
}

// evidence is what an article says about where it is: weights per country
// and per first-level division, and points of places it names without
// ambiguity. own keeps each name's share, so a name never supports itself.
// It lives in the pooled doc and is cleared, not reallocated, per text.
type evidence struct {
	country, admin1 weights
	own             map[[2]string]float64 // {name key, area} -> weight
	anchors         []anchor
	voted           map[string]bool // names that cast their soft vote
}

// weights maps an area (country code or "CC.A1") to its weight.
type weights map[string]float64

func (ws weights) get(area string) float64 { return ws[area] }

// anchor is a place the article names without ambiguity.
type anchor struct {
	key      string
	place    int32
	lat, lon float64
}

func (ev *evidence) reset() {
	if ev.own == nil {
		ev.country, ev.admin1, ev.own, ev.voted = weights{}, weights{}, map[[2]string]float64{}, map[string]bool{}
	}
	clear(ev.voted)
	clear(ev.country)
	clear(ev.admin1)
	clear(ev.own)
	ev.anchors = ev.anchors[:0]
}

func (ev *evidence) add(key, area string, w float64, ws *weights) {
	(*ws)[area] += w
	ev.own[[2]string{key, area}] += w
}

func (ev *evidence) ownOf(key, area string) float64 { return ev.own[[2]string{key, area}] }

func (ev *evidence) addAnchor(key string, place int32, p geo.Place) {
	for i := range ev.anchors {
		if ev.anchors[i].place == place {
			return
		}
	}
	ev.anchors = append(ev.anchors, anchor{key, place, p.Point.Lat(), p.Point.Lon()})
}

// gather collects evidence from the spans' current best meanings.
func (g *Gazetteer) gather(ev *evidence, spans []span) {
	ev.reset()
	voted := ev.voted
	for i := range spans {
		s := &spans[i]
		p := g.places[s.place]
		demonym := s.entries[0].flags&flagDemonym != 0
		clear := len(s.entries) == 1 || s.qualifier != ""
		w := 0.3
		switch {
		case p.Kind == geo.KindCountry && demonym:
			w = 0.5
		case p.Kind == geo.KindCountry || p.Kind == geo.KindAdmin1:
			w = 1
		case clear:
			w = 0.6
		}
		if s.weak {
			w /= 3
		}
		if p.Country != "" {
			ev.add(s.key, p.Country, w, &ev.country)
		}
		if p.Admin1 != "" && p.Kind != geo.KindCountry {
			ev.add(s.key, g.a1key[s.place], w, &ev.admin1)
		}
		if clear && p.Kind != geo.KindCountry && p.Kind != geo.KindRegion {
			ev.addAnchor(s.key, s.place, p)
		}
		if !clear && !s.weak && !voted[s.key] {
			voted[s.key] = true // one vote per name, however often it recurs
			g.vote(ev, s)
		}
	}
	sort.Slice(ev.anchors, func(i, j int) bool { return ev.anchors[i].lat < ev.anchors[j].lat })
}

// nearestKm is the approximate distance from lat/lon to the nearest anchor
// of another name, up to about 250 km; farther is +Inf. anchors are sorted
// by latitude. An equirectangular approximation is ample at these
// distances and far cheaper than haversine.
func nearestKm(anchors []anchor, key string, lat, lon float64) float64 {
	const kmPerDeg, maxDeg = 111.2, 2.25
	best := math.Inf(1)
	coslat := math.Cos(lat * math.Pi / 180)
	from := sort.Search(len(anchors), func(i int) bool { return anchors[i].lat >= lat-maxDeg })
	for i := from; i < len(anchors) && anchors[i].lat <= lat+maxDeg; i++ {
		a := &anchors[i]
		dlat := math.Abs(a.lat - lat)
		if a.key == key {
			continue
		}
		dlon := math.Abs(a.lon - lon)
		if dlon > 180 {
			dlon = 360 - dlon
		}
		dlon *= coslat
		if dlon > maxDeg {
			continue
		}
		if d := kmPerDeg * math.Sqrt(dlat*dlat+dlon*dlon); d < best {
			best = d
		}
	}
	return best
}

// popScale maps a population to 0..1 on a log scale (10 million is 1).
func popScale(pop int64) float64 {
	return math.Min(1, math.Log10(float64(pop)+10)/7)
}

// Soft votes: an ambiguous name spreads voteWeight over the first-level
// divisions of its voteCandidates most likely towns, so names that share a
// division ("Huntsville", "Decatur", "Athens": Alabama) support each other.
const (
	voteWeight     = 0.4
	voteCandidates = 12
)

func (g *Gazetteer) vote(ev *evidence, s *span) {
	var areas [voteCandidates]string
	n := 0
	for _, e := range s.entries {
		if n == voteCandidates {
			break
		}
		if p := g.places[e.place]; (p.Kind == geo.KindCity || p.Kind == geo.KindAdmin2) && p.Admin1 != "" {
			areas[n] = g.a1key[e.place]
			n++
		}
	}
	for _, a := range areas[:n] {
		ev.add(s.key, a, voteWeight/float64(n), &ev.admin1)
	}
}

func sat(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return x / (x + 0.5)
}

// countryWeight is how much naming a country backs each kind of place in
// it: a division of a country in the news is likelier than a small town.
var countryWeight = map[string]float64{geo.KindAdmin1: 2.5, geo.KindAdmin2: 1.5, geo.KindCity: 2}

// support scores how well the rest of the article backs place i for the
// name key: its country named, plus local support (see local).
func (g *Gazetteer) support(ev *evidence, key string, i int32) float64 {
	p := g.places[i]
	c := ev.country.get(p.Country)
	if c == 0 {
		return 0 // nothing in the article points to this country
	}
	own := ev.ownOf(key, p.Country)
	return countryWeight[p.Kind]*sat(c-own) + g.local(ev, key, i)
}

// local scores the support of place i below country level: its division
// named, and places named near it.
func (g *Gazetteer) local(ev *evidence, key string, i int32) float64 {
	p := g.places[i]
	s := 0.0
	if p.Kind != geo.KindCountry {
		a := g.a1key[i]
		if w := ev.admin1.get(a); w > 0 {
			s += sat(w - ev.ownOf(key, a))
		}
	}
	switch best := nearestKm(ev.anchors, key, p.Point.Lat(), p.Point.Lon()); {
	case best < 50:
		s += 1
	case best < 200:
		s += 0.5
	}
	return s
}

// resolve picks one place per span: qualifiers first, then prior and
// context, with one sense per name in the article.
func (g *Gazetteer) resolve(d *doc, spans []span) []span {
	g.qualify(d, spans)
	for i := range spans {
		spans[i].place = spans[i].entries[0].place
	}
	ev := &d.ev
	for round := 0; round < 2; round++ {
		g.gather(ev, spans)
		g.choose(ev, spans)
	}
	out := spans[:0]
	for _, s := range spans {
		if s.weak && s.qualifier == "" && g.local(ev, s.key, s.place) < weakSupport {
			continue
		}
		out = append(out, s)
	}
	return out
}

// weakSupport is the context score a weak candidate needs to be kept.
const weakSupport = 0.5

// choose resolves each name once (per qualifier) and applies it to every
// occurrence.
func (g *Gazetteer) choose(ev *evidence, spans []span) {
	type sense struct {
		place int32
		conf  float64
	}
	senses := map[[2]string]sense{}
	for i := range spans {
		s := &spans[i]
		id := [2]string{s.key, s.qualifier}
		if c, ok := senses[id]; ok {
			s.place, s.confidence = c.place, c.conf
			continue
		}
		best, second := math.Inf(-1), math.Inf(-1)
		for _, e := range s.entries {
			sc := float64(e.prior) + g.support(ev, s.key, e.place)
			if sc > best {
				best, second, s.place = sc, best, e.place
			} else if sc > second {
				second = sc
			}
		}
		if seat := g.preferSeat(s.key, s.entries, s.place); seat != s.place {
			s.place, best, second = seat, 0, math.Inf(-1)
		}
		s.confidence = confidence(s, best-second)
		senses[id] = sense{s.place, s.confidence}
	}
	// An unqualified name takes the sense of a qualified occurrence.
	for i := range spans {
		if spans[i].qualifier != "" {
			senses[[2]string{spans[i].key, ""}] = sense{spans[i].place, spans[i].confidence}
		}
	}
	for i := range spans {
		if c, ok := senses[[2]string{spans[i].key, ""}]; ok && spans[i].qualifier == "" {
			spans[i].place, spans[i].confidence = c.place, c.conf
		}
	}
}

// preferSeat replaces a division by the city it is named after when that
// city is its seat or a large city: "Tripoli" is the city, not the district.
func (g *Gazetteer) preferSeat(key string, es []entry, chosen int32) int32 {
	d := g.places[chosen]
	if d.Kind != geo.KindAdmin1 && d.Kind != geo.KindAdmin2 {
		return chosen
	}
	for _, e := range es {
		p := g.places[e.place]
		if p.Kind == geo.KindCity && p.Country == d.Country && p.Admin1 == d.Admin1 && Key(p.Name) == key &&
			(g.rank[e.place] != rankOther || p.Population >= 100_000) {
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
	case s.t1-s.t0 == 1 && len(s.entries) > 1 && s.qualifier == "":
		base = 0.8
	}
	if math.IsInf(margin, 1) {
		return round2(base)
	}
	return round2(base * (0.55 + 0.45*math.Tanh(margin)))
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// qualify handles "X, Y" where Y names X's country or division:
// "Alexandria, Virginia", "Paris, Texas", "Alexandria, Va.".
func (g *Gazetteer) qualify(d *doc, spans []span) {
	for i := range spans {
		s := &spans[i]
		if s.t1 >= len(d.toks) || strings.TrimSpace(d.gap(s.t1)) != "," {
			continue
		}
		area := ""
		if i+1 < len(spans) && spans[i+1].t0 == s.t1 {
			area = g.areaOf(spans[i+1].entries)
		}
		if area == "" {
			area = stateAbbrev(d, s.t1)
		}
		if area == "" {
			continue
		}
		var in []entry
		for _, e := range s.entries {
			p := g.places[e.place]
			if p.Kind != geo.KindCountry && within(p, area) {
				in = append(in, e)
			}
		}
		if len(in) > 0 {
			s.entries, s.qualifier, s.weak = in, area, false
		}
	}
}

// areaOf returns the country or division a qualifier names, preferring a
// US state over a city or country of the same name.
func (g *Gazetteer) areaOf(es []entry) string {
	for _, e := range es {
		p := g.places[e.place]
		if p.Kind == geo.KindAdmin1 {
			return p.Key
		}
	}
	for _, e := range es {
		if p := g.places[e.place]; p.Kind == geo.KindCountry {
			return p.Country
		}
	}
	return ""
}

// stateAbbrev reads an AP-style or postal US state abbreviation at token i
// ("Va.", "N.Y.", "TX").
func stateAbbrev(d *doc, i int) string {
	for n := 2; n >= 1; n-- {
		if i+n > len(d.toks) || !d.toks[i].cap {
			continue
		}
		k, ok := d.key(i, n, nil)
		if !ok {
			continue
		}
		if st, ok := usStates[string(k)]; ok {
			return "US." + st
		}
	}
	return ""
}

func within(p geo.Place, area string) bool {
	if len(area) == 2 {
		return p.Country == area
	}
	return p.Country+"."+p.Admin1 == area
}
