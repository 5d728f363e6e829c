package gazetteer

import (
	"math"
	"sort"

	"mentionmap/geo"
)

// evidence is what an article says about where it is: weights per country
// and per first-level division, and points of places it names without
// ambiguity. own keeps each name's share, so a name never supports itself.
// It lives in the pooled doc and is cleared, not reallocated, per text.
type evidence struct {
	country, admin1 weights
	own             map[[2]string]float64 // {name key, area} -> weight
	anchors         []anchor
	voted           map[string]bool // names that cast their soft vote
	counties        map[int32]countyMark
	marked          map[string]bool // names whose meanings are in counties
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
		ev.counties, ev.marked = map[int32]countyMark{}, map[string]bool{}
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
