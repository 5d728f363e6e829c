// Package eval scores a geoparser against annotated corpora (the format of
// shared/corpora): recognition as precision, recall and F1, resolution as
// the share of toponyms within 161 km, their mean and median error, and
// the AUC of the error curve. It needs only a geo.Geoparser.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// Doc is one annotated document of a geoparsing corpus, in the format
// of shared/corpora: offsets are Unicode code points, end exclusive.
type Doc struct {
	ID       string  `json:"id"`
	URL      string  `json:"url"`
	Title    string  `json:"title"`
	Text     string  `json:"text"`
	Toponyms []Token `json:"toponyms"`
}

// Token is one gold toponym.
type Token struct {
	Start         int      `json:"start"`
	End           int      `json:"end"`
	Mention       string   `json:"mention"`
	Lat           *float64 `json:"lat"`
	Lon           *float64 `json:"lon"`
	Type          string   `json:"type"`
	NonLocational bool     `json:"non_locational"`
}

// Scored reports whether a toponym is gold: it has coordinates and is
// locational. (GeoWebNews marks non-locational types such as Non_Toponym
// and Homonym; LGL has no types and counts demonyms as their country.)
func (t Token) Scored() bool { return t.Lat != nil && t.Lon != nil && !t.NonLocational }

// typedNotScored are annotation types that mark a name as something other
// than a toponym for scoring: GeoWebNews tags nationality adjectives as
// Demonym or Language and gives them no coordinates. A prediction on such
// a span is neither a hit nor a false alarm, so demonyms are scored the
// same way on both sides. (LGL has no types: its demonyms carry the
// country's coordinates and are scored as toponyms.)
var typedNotScored = map[string]bool{"Demonym": true, "Language": true}

// ReadDocs reads a corpus file, one JSON document per line.
func ReadDocs(r io.Reader) ([]Doc, error) {
	var docs []Doc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		var d Doc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, geo.Errorf(geo.EINVALID, "line %d: %v", line, err)
		}
		docs = append(docs, d)
	}
	return docs, sc.Err()
}

// Result holds the scores of one corpus.
type Result struct {
	Docs, Gold, Predicted   int
	ExactTP, OverlapTP      int
	Within161               int
	Errors                  []float64 // km, per exactly matched gold toponym
	Bytes                   int       // of text parsed
	Seconds                 float64   // spent parsing, not scoring
	Misses, Spurious, Wrong []string  // with --errors
}

func prf(tp, pred, gold int) (p, r, f float64) {
	if pred > 0 {
		p = float64(tp) / float64(pred)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Exact returns precision, recall and F1 on exact spans.
func (r *Result) Exact() (p, rc, f float64) { return prf(r.ExactTP, r.Predicted, r.Gold) }

// Overlap returns precision, recall and F1 on overlapping spans.
func (r *Result) Overlap() (p, rc, f float64) { return prf(r.OverlapTP, r.Predicted, r.Gold) }

// A161 is the share of exactly matched toponyms placed within 161 km.
func (r *Result) A161() float64 { return ratio(r.Within161, len(r.Errors)) }

// Recall161 is the share of all gold toponyms found and placed within 161 km.
func (r *Result) Recall161() float64 { return ratio(r.Within161, r.Gold) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// MeanMedian returns the mean and median error in km.
func (r *Result) MeanMedian() (mean, median float64) {
	if len(r.Errors) == 0 {
		return 0, 0
	}
	e := append([]float64(nil), r.Errors...)
	sort.Float64s(e)
	for _, x := range e {
		mean += x
	}
	return mean / float64(len(e)), e[len(e)/2]
}

// AUC is the area under the curve of sorted log(1+km) errors, normalised
// by log(20039) (half the Earth's circumference), as in Gritta et al.
// 2018: 0 is perfect, 1 is always at the antipode.
func (r *Result) AUC() float64 {
	n := len(r.Errors)
	if n == 0 {
		return 0
	}
	e := make([]float64, n)
	for i, x := range r.Errors {
		e[i] = math.Log(1+x) / math.Log(20039)
	}
	sort.Float64s(e)
	if n == 1 {
		return e[0]
	}
	area := 0.0
	for i := 1; i < n; i++ {
		area += (e[i-1] + e[i]) / 2 / float64(n-1)
	}
	return area
}

// dropTyped removes predictions on spans the corpus types as not scored.
func dropTyped(unscored map[Span]bool, ms []geo.Mention) []geo.Mention {
	if len(unscored) == 0 {
		return ms
	}
	out := ms[:0:0]
	for _, m := range ms {
		if !unscored[Span{m.Start, m.End}] {
			out = append(out, m)
		}
	}
	return out
}

// Span is a toponym's byte offsets in its document's text.
type Span struct{ Start, End int }

// Spans gives the byte spans of d's gold toponyms, and of the names that
// are typed as not scored (see typedNotScored): what a trainer labels by.
func (d Doc) Spans() (gold, unscored map[Span]bool) {
	offs := byteOffsets(d.Text)
	n := len(offs) - 1
	gold, unscored = map[Span]bool{}, map[Span]bool{}
	for _, t := range d.Toponyms {
		if t.Start < 0 || t.End > n || t.Start >= t.End {
			continue
		}
		sp := Span{offs[t.Start], offs[t.End]}
		switch {
		case t.Scored():
			gold[sp] = true
		case typedNotScored[t.Type]:
			unscored[sp] = true
		}
	}
	return gold, unscored
}

// byteOffsets converts code-point offsets to byte offsets.
func byteOffsets(text string) []int {
	offs := make([]int, 0, len(text)+1)
	for i := range text {
		offs = append(offs, i)
	}
	return append(offs, len(text))
}

// Run geoparses every document in order with p, as articles of the source
// its URL names, and scores it against the gold. What p learns of sources
// carries from one document to the next: give it a parser that has learnt
// nothing yet.
func Run(p geo.Geoparser, docs []Doc, details bool) *Result {
	res := &Result{Docs: len(docs)}
	for _, d := range docs {
		start := time.Now()
		ms := p.ParseFrom(geo.SourceKey("", d.URL), d.Text)
		res.Seconds += time.Since(start).Seconds()
		res.Bytes += len(d.Text)
		res.add(d, ms, details)
	}
	return res
}

type goldSpan struct {
	start, end int
	pt         orb.Point
	text       string
}

func (res *Result) add(d Doc, ms []geo.Mention, details bool) {
	offs := byteOffsets(d.Text)
	n := utf8.RuneCountInString(d.Text)
	var gold []goldSpan
	for _, t := range d.Toponyms {
		if !t.Scored() || t.Start < 0 || t.End > n || t.Start >= t.End {
			continue
		}
		gold = append(gold, goldSpan{offs[t.Start], offs[t.End], orb.Point{*t.Lon, *t.Lat}, t.Mention})
	}
	_, unscored := d.Spans()
	ms = dropTyped(unscored, ms)
	res.Gold += len(gold)
	res.Predicted += len(ms)
	exact := map[[2]int]int{}
	for i, m := range ms {
		exact[[2]int{m.Start, m.End}] = i
	}
	usedPred := make([]bool, len(ms))
	usedOverlap := make([]bool, len(ms))
	for _, gs := range gold {
		if i, ok := exact[[2]int{gs.start, gs.end}]; ok && !usedPred[i] {
			usedPred[i] = true
			km := geo.DistanceKm(ms[i].Place.Point, gs.pt)
			res.ExactTP++
			res.Errors = append(res.Errors, km)
			if km <= 161 {
				res.Within161++
			} else if details {
				res.Wrong = append(res.Wrong, fmt.Sprintf("%s\t%q -> %s (%s, %s) is %.0f km off", d.ID, gs.text, ms[i].Place.Name, ms[i].Place.Kind, ms[i].Place.Country, km))
			}
		} else if details {
			res.Misses = append(res.Misses, fmt.Sprintf("%s\t%q\t%s", d.ID, gs.text, around(d.Text, gs.start, gs.end)))
		}
		for i, m := range ms {
			if !usedOverlap[i] && m.Start < gs.end && gs.start < m.End {
				usedOverlap[i] = true
				res.OverlapTP++
				break
			}
		}
	}
	if details {
		for i, m := range ms {
			if !usedOverlap[i] {
				res.Spurious = append(res.Spurious, fmt.Sprintf("%s\t%q -> %s (%s, %s)\t%s", d.ID, m.Text, m.Place.Name, m.Place.Kind, m.Place.Country, m.Sentence))
			}
		}
	}
}

// around is the text about a miss, for the error listing: up to 80 bytes
// either side, cut at character boundaries, on one line.
func around(text string, start, end int) string {
	lo, hi := max(0, start-80), min(len(text), end+80)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	return strings.Join(strings.Fields(text[lo:hi]), " ")
}
