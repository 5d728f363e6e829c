// Package train fits the geoparser's recognizer: a logistic regression
// that tells which candidate names are places, from annotated corpora. It
// labels the candidates of gazetteer.Parser by the gold toponyms of eval
// documents, and writes a model file that the gazetteer embeds.
package train

import (
	"math"
	"math/rand/v2"
	"sort"

	"mentionmap/eval"
	"mentionmap/gazetteer"
	"mentionmap/geo"
)

// Example is one candidate name, labelled.
type Example struct {
	Features []string
	Place    bool
}

// Corpus is the labelled candidates of some annotated documents.
type Corpus struct {
	Examples []Example // the candidates the recognizer judges
	Gold     int       // gold toponyms, found or not
	// RulePred and RuleTP count the candidates the rules decide that are
	// kept, and those of them that are gold: they count in F1 too.
	RulePred, RuleTP int
}

// Add parses docs in order, as articles of their sites, and labels each
// candidate by whether a gold toponym has exactly its span. Candidates on
// spans the corpus leaves unscored are left out.
func (c *Corpus) Add(p *gazetteer.Parser, docs []eval.Doc) {
	for _, d := range docs {
		spans, unscored := d.Spans()
		c.Gold += len(spans)
		for _, cand := range p.Candidates(geo.SourceKey("", d.URL), d.Text) {
			sp := eval.Span{Start: cand.Start, End: cand.End}
			switch {
			case unscored[sp]:
			case cand.Judged:
				c.Examples = append(c.Examples, Example{Features: cand.Features, Place: spans[sp]})
			case cand.Kept:
				c.RulePred++
				if spans[sp] {
					c.RuleTP++
				}
			}
		}
	}
}

// Options sets a fit.
type Options struct {
	Seed       uint64  // orders the examples in each pass; the same seed gives the same model
	Epochs     int     // passes over the examples; default 30
	Rate       float64 // the first step size; default 0.1
	L2         float64 // weight decay per step; default 1e-5
	MinSupport int     // a feature seen in fewer examples is dropped; default 3
}

func (o *Options) defaults() {
	if o.Epochs == 0 {
		o.Epochs = 30
	}
	if o.Rate == 0 {
		o.Rate = 0.1
	}
	if o.L2 == 0 {
		o.L2 = 1e-5
	}
	if o.MinSupport == 0 {
		o.MinSupport = 3
	}
}

// Model is a fitted recognizer.
type Model struct {
	Names     []string // features, sorted
	Weights   map[string]float64
	Threshold float64
}

// Fit fits a logistic regression by stochastic gradient descent and picks
// the threshold that maximises exact-span F1 on the corpus.
func Fit(c *Corpus, o Options) *Model {
	o.defaults()
	ex := c.Examples
	names, idx := vocabulary(ex, o.MinSupport)
	rows := make([][]int32, len(ex))
	for i, e := range ex {
		for _, f := range e.Features {
			if j, ok := idx[f]; ok {
				rows[i] = append(rows[i], j)
			}
		}
	}
	w := make([]float64, len(names))
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	for epoch := 0; epoch < o.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := o.Rate / (1 + float64(epoch)/5)
		for _, i := range order {
			y := 0.0
			if ex[i].Place {
				y = 1
			}
			g := rate * (y - sigmoid(dot(w, rows[i])))
			for _, j := range rows[i] {
				w[j] += g - rate*o.L2*w[j]
			}
		}
	}
	m := &Model{Names: names, Weights: make(map[string]float64, len(names))}
	for j, n := range names {
		m.Weights[n] = w[j]
	}
	scores := make([]float64, len(ex))
	for i := range ex {
		scores[i] = sigmoid(dot(w, rows[i]))
	}
	m.Threshold = bestThreshold(scores, c)
	return m
}

// vocabulary lists the features seen in at least min examples, sorted.
func vocabulary(ex []Example, min int) ([]string, map[string]int32) {
	seen := map[string]int{}
	for _, e := range ex {
		for _, f := range e.Features {
			seen[f]++
		}
	}
	var names []string
	for f, n := range seen {
		if n >= min {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	idx := make(map[string]int32, len(names))
	for j, n := range names {
		idx[n] = int32(j)
	}
	return names, idx
}

func dot(w []float64, row []int32) float64 {
	z := 0.0
	for _, j := range row {
		z += w[j]
	}
	return z
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// bestThreshold is the score cut that maximises exact-span F1, 2·TP /
// (kept + gold), over the corpus.
func bestThreshold(scores []float64, c *Corpus) float64 {
	ex := c.Examples
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
	best, cut, tp := -1.0, 0.5, c.RuleTP
	for k, i := range order {
		if ex[i].Place {
			tp++
		}
		if k+1 < len(order) && scores[order[k+1]] == scores[i] {
			continue // a cut falls between distinct scores
		}
		if f := 2 * float64(tp) / float64(k+1+c.RulePred+c.Gold); f > best {
			best = f
			cut = scores[i]
			if k+1 < len(order) {
				cut = (scores[i] + scores[order[k+1]]) / 2
			}
		}
	}
	return cut
}
