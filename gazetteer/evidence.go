package gazetteer

import (
	"math"
	"sort"
)

// evidence is what an article says about where it is: a weight per area
// (country or first-level division), and points of places it names
// without ambiguity. own keeps each name's share, so a name never supports
// itself. Names are numbered per article (span.name). evidence lives in the
// pooled doc and is cleared, not reallocated, per text.
type evidence struct {
	weight   []float64      // per area
	touched  []int32        // areas with a weight, for clearing
	own      table[float64] // name<<32 | area -> weight
	anchors  []anchor
	voted    []bool            // per name: cast its soft vote
	counties table[countyMark] // by county
	marked   []bool            // per name: its meanings are in counties
	senses   []sense           // per name: scratch for choose
	home     []areaWeight      // lent by the source's locality
	shares   bool              // choose weighs each division's share (see share)
}

// anchor is a place the article names without ambiguity.
type anchor struct {
	name     int32
	place    int32
	lat, lon float64
}

// start prepares ev for an article with the given numbers of areas (in
// the gazetteer) and distinct names.
func (ev *evidence) start(areas, names int) {
	if len(ev.weight) != 2*areas {
		ev.weight, ev.touched = make([]float64, 2*areas), nil
	}
	ev.shares = false
	ev.voted = grow(ev.voted, names)
	ev.marked = grow(ev.marked, names)
	ev.senses = grow(ev.senses, names)
	ev.reset()
}

// reset clears the evidence gathered so far.
func (ev *evidence) reset() {
	for _, a := range ev.touched {
		ev.weight[a] = 0
	}
	ev.touched = ev.touched[:0]
	ev.own.clear()
	clear(ev.voted)
	ev.anchors = ev.anchors[:0]
}

func (ev *evidence) add(name, area int32, w float64) {
	if area < 0 {
		return
	}
	ev.lend(area, w)
	own, _ := ev.own.at(uint64(name)<<32 | uint64(area))
	*own += w
}

// lend adds weight to area that no name of the article owns.
func (ev *evidence) lend(area int32, w float64) {
	if area < 0 {
		return
	}
	if ev.weight[area] == 0 {
		ev.touched = append(ev.touched, area)
	}
	ev.weight[area] += w
}

// divisions is the pseudo-area that sums the weights of country's
// first-level divisions from the article's places as resolved: not from
// soft votes, which spread over every state that has a town of a name,
// nor from the source's locality.
func (ev *evidence) divisions(country int32) int32 {
	if country < 0 {
		return -1
	}
	return country + int32(len(ev.weight)/2)
}

// divisionShare is the share of the weight of the divisions of f's
// country that lies in f's division, and that division's weight, both
// from names other than name.
func (ev *evidence) divisionShare(name int32, f *facts) (share, w float64) {
	if f.kind == kindCountry || f.admin1 < 0 || f.country < 0 {
		return 0, 0
	}
	if w = ev.from(name, f.admin1); w <= 0 {
		return 0, 0
	}
	// name's own weight in f's division is left out of the total too.
	total := ev.weight[ev.divisions(f.country)] - (ev.weight[f.admin1] - w)
	return w / max(w, total), w
}

// mostlyIn reports whether most of the weight of the divisions of f's
// country, from names other than name, lies in f's division.
func (ev *evidence) mostlyIn(name int32, f *facts) bool {
	sh, w := ev.divisionShare(name, f)
	return sh > 0.5 && w > shareFloor
}

// from is the weight of area a from names other than name.
func (ev *evidence) from(name, a int32) float64 {
	if a < 0 || ev.weight[a] == 0 {
		return 0
	}
	own, _ := ev.own.get(uint64(name)<<32 | uint64(a))
	return ev.weight[a] - own
}

func (ev *evidence) addAnchor(name, place int32, p *place) {
	for i := range ev.anchors {
		if ev.anchors[i].place == place {
			return
		}
	}
	ev.anchors = append(ev.anchors, anchor{name, place, p.Point.Lat(), p.Point.Lon()})
}

// gather collects evidence from the spans' current best meanings.
func (g *Gazetteer) gather(ev *evidence, spans []span) {
	ev.reset()
	for _, h := range ev.home {
		ev.lend(h.area, h.w)
	}
	for i := range spans {
		s := &spans[i]
		f := &g.facts[s.place]
		demonym := s.entries[0].flags&flagDemonym != 0
		clear := len(s.entries) == 1 || s.qual >= 0
		w := 0.3
		switch {
		case f.kind == kindCountry && demonym:
			w = 0.5
		case f.kind == kindCountry || f.kind == kindAdmin1:
			w = 1
		case clear:
			w = 0.6
		}
		if s.weak {
			w /= 3
		}
		ev.add(s.name, f.country, w)
		if f.kind != kindCountry && f.admin1 >= 0 {
			ev.add(s.name, f.admin1, w)
			ev.lend(ev.divisions(f.country), w)
		}
		if clear && f.kind != kindCountry && f.kind != kindRegion {
			ev.addAnchor(s.name, s.place, &g.places[s.place])
		}
		if !clear && !s.weak && !ev.voted[s.name] {
			ev.voted[s.name] = true // one vote per name, however often it recurs
			g.vote(ev, s)
		}
	}
	sort.Slice(ev.anchors, func(i, j int) bool { return ev.anchors[i].lat < ev.anchors[j].lat })
}

// Soft votes: an ambiguous name spreads voteWeight over the first-level
// divisions of its voteCandidates most likely towns, so names that share a
// division ("Huntsville", "Decatur", "Athens": Alabama) support each other.
const (
	voteWeight     = 0.4
	voteCandidates = 12
)

func (g *Gazetteer) vote(ev *evidence, s *span) {
	var areas [voteCandidates]int32
	n := 0
	for _, e := range s.entries {
		if n == voteCandidates {
			break
		}
		if f := &g.facts[e.place]; (f.kind == kindCity || f.kind == kindAdmin2) && f.admin1 >= 0 {
			areas[n] = f.admin1
			n++
		}
	}
	for _, a := range areas[:n] {
		ev.add(s.name, a, voteWeight/float64(n))
	}
}

// nearestKm is the approximate distance from lat/lon to the nearest anchor
// of another name, up to about 250 km; farther is +Inf. anchors are sorted
// by latitude. An equirectangular approximation is ample at these
// distances and far cheaper than haversine.
func nearestKm(anchors []anchor, name int32, lat, lon float64) float64 {
	km, _ := nearestAnchor(anchors, name, lat, lon)
	return km
}

// nearestAnchor is nearestKm with the anchor's place, or -1.
func nearestAnchor(anchors []anchor, name int32, lat, lon float64) (float64, int32) {
	const kmPerDeg, maxDeg = 111.2, 2.25
	best, place := math.Inf(1), int32(-1)
	from := sort.Search(len(anchors), func(i int) bool { return anchors[i].lat >= lat-maxDeg })
	if from == len(anchors) || anchors[from].lat > lat+maxDeg {
		return best, place // no anchor in the band of latitudes
	}
	coslat := math.Cos(lat * math.Pi / 180)
	for i := from; i < len(anchors) && anchors[i].lat <= lat+maxDeg; i++ {
		a := &anchors[i]
		dlat := math.Abs(a.lat - lat)
		if a.name == name {
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
			best, place = d, a.place
		}
	}
	return best, place
}
