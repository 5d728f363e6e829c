package gazetteer

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"mentionmap/geo"
)

// Model is the recognizer: a logistic regression over span features that
// gives the probability that a resolved candidate is a place, as the
// annotated corpora mark places. `mentionmap train` writes it.
type Model struct {
	weights   weights
	threshold float64 // keep a span whose probability reaches it
	features  int
}

// embeddedModel is the default recognizer, trained on the development
// corpora by `mentionmap train` (see docs/geoparser.md).
//
//go:embed recognizer.tsv
var embeddedModel []byte

var defaultModel = sync.OnceValues(func() (*Model, error) { return ReadModel(bytes.NewReader(embeddedModel)) })

// DefaultModel returns the embedded recognizer.
func DefaultModel() (*Model, error) { return defaultModel() }

// modelHeader opens a model file; its lines are then "threshold\tP" and
// "feature\tweight".
const modelHeader = "# mentionmap recognizer v1"

// ReadModel reads a model file.
func ReadModel(r io.Reader) (*Model, error) {
	m := &Model{threshold: 0.5}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 {
			if line != modelHeader {
				return nil, geo.Errorf(geo.EINVALID, "recognizer: not a model file (first line %q)", line)
			}
			continue
		}
		name, w, ok := strings.Cut(line, "\t")
		v, err := strconv.ParseFloat(w, 64)
		if !ok || err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, geo.Errorf(geo.EINVALID, "recognizer line %d: want a name, a tab and a number", n)
		}
		if name == "threshold" {
			m.threshold = v
			continue
		}
		prefix, value := parseFeature(name)
		m.weights.set(featureID(prefix, value), v)
		m.features++
	}
	if err := sc.Err(); err != nil {
		return nil, geo.Errorf(geo.EINVALID, "recognizer: %v", err)
	}
	return m, nil
}

// WriteModel writes weights (by feature name, in the order given) and a
// threshold as a model file.
func WriteModel(w io.Writer, names []string, weights map[string]float64, threshold float64) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\nthreshold\t%.4f\n", modelHeader, threshold)
	for _, n := range names {
		fmt.Fprintf(bw, "%s\t%.4f\n", n, weights[n])
	}
	return bw.Flush()
}

// Features is the number of weighted features.
func (m *Model) Features() int { return m.features }

// probability scores a span's features.
func (m *Model) probability(ids []uint64) float64 {
	z := 0.0
	for _, id := range ids {
		z += m.weights.get(id)
	}
	return 1 / (1 + math.Exp(-z))
}

// filter keeps the spans the model scores as places, and the ones the
// rules decide (see judged) that the rules keep. The evidence of the
// spans it drops has been read already: resolution ran before.
func (m *Model) filter(g *Gazetteer, d *doc, spans []span) []span {
	ctx := d.contexts(spans)
	f := &d.features
	keep := grow(d.keep, len(spans))
	d.keep = keep
	for i := range spans {
		s := &spans[i]
		if !judged(g, d, s) {
			keep[i] = !s.unbacked
			continue
		}
		g.spanFeatures(d, s, ctx[i], f)
		keep[i] = m.probability(f.ids) >= m.threshold
	}
	// A division the model doubts stays when it is listed with one it
	// keeps: the list says what it is.
	for i := range spans {
		if !keep[i] && judged(g, d, &spans[i]) {
			keep[i] = i > 0 && keep[i-1] && g.listedWith(d, &spans[i], &spans[i-1]) ||
				i+1 < len(spans) && keep[i+1] && g.listedWith(d, &spans[i], &spans[i+1])
		}
	}
	return keepSpans(spans, func(_ *span, i int) bool { return keep[i] })
}

// judged reports whether the recognizer decides on s. Narrowed names,
// countries, regions, seas, airports (too few in the corpora to learn
// from) and demonyms are left to the rules: whether "European" or "the EU"
// is a toponym is a convention the corpora disagree on, not something a
// model should learn from one of them.
func judged(g *Gazetteer, d *doc, s *span) bool {
	if s.narrowed {
		return false // "Kebbi State", "the Georgia governor": the context has spoken
	}
	switch g.facts[s.place].kind {
	case kindCountry, kindRegion, kindWater, kindAirport:
		return false
	}
	return !g.isDemonym(s) && !g.backedRespelling(d, s)
}

// respeltPopulation is the size from which a town's other spelling is
// left to the rules.
const respeltPopulation = 50_000

// backedRespelling reports whether s names a town of 50,000 or more by
// another spelling of its name ("Derna" for Darnah, "Douma" for Dūmā) in an
// article that names the town's country. News of distant conflicts spells
// most places so; the development corpora, mostly local American news,
// have few such names, and would teach the model to drop them.
func (g *Gazetteer) backedRespelling(d *doc, s *span) bool {
	for _, e := range s.entries {
		if e.place == s.place {
			return e.flags&flagAlt != 0 && s.qual < 0 && g.facts[s.place].pop >= respeltPopulation &&
				d.namesCountryOf(g, s.place) && g.respelling(s.key, s.place)
		}
	}
	return false
}
