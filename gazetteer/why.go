package gazetteer

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"mentionmap/geo"
)

// Reasons a user can read: each mention keeps its best meanings with their
// shares of the score, and the evidence that chose the first. The scores
// are the resolver's own (prior plus support); the shares are a softmax
// over the kept meanings, so that they read as "how sure, against what".

// ranking is a name's best meanings, best first.
type ranking struct {
	places [maxCandidates]int32
	scores [maxCandidates]float64
	n      int
	seat   bool // preferSeat put the division's seat first
}

// kept is how many candidates a mention of place keeps: the meanings
// ranked, plus place when the ranking did not choose it, at most
// maxCandidates and at least place itself.
func (r *ranking) kept(place int32) int {
	if r.n == 0 {
		return 1
	}
	n := r.n
	if r.places[0] != place && !slices.Contains(r.places[1:r.n], place) {
		n++
	}
	return min(n, maxCandidates)
}

// maxCandidates is how many meanings a mention keeps.
const maxCandidates = 3

// add offers a meaning with its score.
func (r *ranking) add(place int32, score float64) {
	i := r.n
	if i == maxCandidates {
		if score <= r.scores[i-1] {
			return
		}
		i--
	} else {
		r.n++
	}
	for ; i > 0 && r.scores[i-1] < score; i-- {
		r.places[i], r.scores[i] = r.places[i-1], r.scores[i-1]
	}
	r.places[i], r.scores[i] = place, score
}

// explainer writes the reasons of one article's mentions. Mentions that
// share a sense (every "Tripoli" of an article that means one Tripoli)
// share one Why, and the Whys of an article share backing arrays: a few
// allocations per article, not several per mention.
type explainer struct {
	g      *Gazetteer
	d      *doc
	spans  []span
	named  *table[int]      // mentions per place in the article
	shared *table[*geo.Why] // by the start of the span that chose the sense
	whys   []geo.Why
	cands  []geo.Candidate
	texts  []string
}

func (g *Gazetteer) newExplainer(d *doc, spans []span) *explainer {
	d.named.clear()
	d.shared.clear()
	senses, cands := 0, 0
	for i := range spans {
		s := &spans[i]
		n, _ := d.named.at(uint64(s.place))
		*n++
		if s.senseFrom == s.start {
			senses++
			cands += s.ranked.kept(s.place)
		}
	}
	return &explainer{g: g, d: d, spans: spans, named: &d.named, shared: &d.shared,
		whys:  make([]geo.Why, 0, senses),
		cands: make([]geo.Candidate, 0, cands),
		texts: make([]string, 0, 2*senses)}
}

// why explains span i.
func (x *explainer) why(i int) *geo.Why {
	s := &x.spans[i]
	if w, ok := x.shared.get(uint64(s.senseFrom)); ok {
		return w
	}
	src := s
	if s.senseFrom != s.start {
		if k, ok := slices.BinarySearchFunc(x.spans, s.senseFrom, func(a span, start int) int { return cmp.Compare(a.start, start) }); ok {
			src = &x.spans[k]
		}
	}
	if len(x.whys) == cap(x.whys) {
		x.whys = make([]geo.Why, 0, max(4, len(x.spans)-i)) // a sense whose first mention was dropped
	}
	x.whys = append(x.whys, geo.Why{})
	w := &x.whys[len(x.whys)-1]
	from := len(x.cands)
	x.cands = x.g.candidates(x.cands, src)
	w.Candidates = x.cands[from:len(x.cands):len(x.cands)]
	from = len(x.texts)
	x.texts = x.g.evidence(x.texts, x.d, src, x.named)
	w.Reasons = x.texts[from:len(x.texts):len(x.texts)]
	shared, _ := x.shared.at(uint64(s.senseFrom))
	*shared = w
	return w
}

// candidates appends s's best meanings with their shares, the chosen
// first.
func (g *Gazetteer) candidates(out []geo.Candidate, s *span) []geo.Candidate {
	r := &s.ranked
	if r.n == 0 {
		c := g.candidate(s.place)
		c.Score = 1
		return append(out, c)
	}
	start := len(out)
	sum := 0.0
	for k := 0; k < r.n; k++ {
		sum += math.Exp(r.scores[k] - r.scores[0])
	}
	overruled := r.places[0] != s.place // a seat, a qualifier or an earlier sense chose otherwise
	if overruled {
		out = append(out, g.candidate(s.place)) // the chosen place comes first, with its own share
	}
	for k := 0; k < r.n; k++ {
		score := math.Round(math.Exp(r.scores[k]-r.scores[0])/sum*1000) / 1000
		if overruled && r.places[k] == s.place {
			out[start].Score = score
			continue
		}
		c := g.candidate(r.places[k])
		c.Score = score
		out = append(out, c)
	}
	return out[:min(len(out), start+maxCandidates)]
}

// evidence appends what chose s's place, strongest first.
func (g *Gazetteer) evidence(out []string, d *doc, s *span, named *table[int]) []string {
	start := len(out)
	f := &g.facts[s.place]
	switch {
	case s.taught:
		out = append(out, "an analyst's correction for this source")
	case s.qual >= 0 && s.qualEnd > s.end:
		out = append(out, "qualifier "+strconv.Quote(trimQualifier(d.text[s.end:s.qualEnd])))
	case s.listed:
		out = append(out, "listed with "+strconv.Quote(d.text[s.cue[0]:s.cue[1]]))
	case s.narrowed:
		out = append(out, strconv.Quote(d.text[s.cue[0]:s.cue[1]])+" names a "+kindWord(f.kind))
	case s.dateline:
		out = append(out, "a dateline names a town")
	case s.ranked.seat:
		out = append(out, "the seat of the division of that name")
	}
	for _, a := range []int32{f.country, f.admin1} {
		if p, ok := g.areaPlace[a]; ok && p != s.place && f.kind != kindCountry {
			if n, _ := named.get(uint64(p)); n > 0 {
				out = append(out, g.places[p].Name+" named "+times(n))
			} else if d.ev.lentTo(a) {
				out = append(out, "the source's area: "+g.places[p].Name)
			} else if a == f.admin1 && d.ev.mostlyIn(s.name, f) {
				out = append(out, "most other places named are in "+g.places[p].Name)
			}
		}
	}
	if f.kind == kindCity {
		pt := g.places[s.place].Point
		km, near := nearestAnchor(d.ev.anchors, s.name, pt.Lat(), pt.Lon())
		if near >= 0 && km < 200 && near != s.place && g.facts[near].kind == kindCity {
			out = append(out, strconv.Itoa(int(math.Round(km)))+" km from "+g.places[near].Name)
		}
	}
	switch {
	case s.narrowed || s.qual >= 0:
	case len(s.entries) == 1:
		out = append(out, "the only place of this name")
	case len(out) == start && s.ranked.n > 0 && s.ranked.places[0] == s.place && f.kind == kindCity:
		out = append(out, "the largest or best-known place of this name")
	case len(out) == start && s.ranked.n > 0 && s.ranked.places[0] == s.place:
		out = append(out, "the "+kindWord(f.kind)+" of this name before any town")
	}
	return out
}

// trimQualifier is the qualifier after ", ".
func trimQualifier(s string) string {
	for len(s) > 0 && (s[0] == ',' || s[0] == ' ') {
		s = s[1:]
	}
	return s
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return strconv.Itoa(n) + " times"
}

func kindWord(k kind) string {
	switch k {
	case kindCountry:
		return "country"
	case kindAdmin1:
		return "state or province"
	case kindAdmin2:
		return "county or district"
	case kindRegion:
		return "region"
	case kindWater:
		return "sea or river"
	case kindAirport:
		return "airport"
	}
	return "town"
}

// lentTo reports whether the source's locality lent weight to area a.
func (ev *evidence) lentTo(a int32) bool {
	for _, h := range ev.home {
		if h.area == a {
			return true
		}
	}
	return false
}
