package gazetteer

import (
	"strconv"
	"strings"
)

// The recognizer (model.go) decides which resolved candidates are places
// from features of each span: its shape, the words around it, what the
// gazetteer knows of its meanings, and the signals the rules use. A
// feature is a name ("prev=in") hashed to 64 bits, so that scoring a
// span allocates nothing; training keeps the names as well.

// featureSet collects the features of one span.
type featureSet struct {
	ids   []uint64
	names []string // only when named is set: for training
	named bool
}

func (f *featureSet) reset() {
	f.ids = f.ids[:0]
	f.names = f.names[:0]
}

// add adds the feature prefix=value.
func (f *featureSet) add(p featurePrefix, value string) {
	f.ids = append(f.ids, fnvAdd(p.h, value))
	if f.named {
		f.names = append(f.names, p.name+"="+value)
	}
}

// addPair adds the feature prefix=a|b without building the string.
func (f *featureSet) addPair(p featurePrefix, a, b string) {
	f.ids = append(f.ids, fnvAdd(fnvAdd(fnvAdd(p.h, a), "|"), b))
	if f.named {
		f.names = append(f.names, p.name+"="+a+"|"+b)
	}
}

// addKinded adds the feature prefix+kind=value without building the string.
func (f *featureSet) addKinded(p featurePrefix, kind, value string) {
	f.ids = append(f.ids, fnvAdd(fnvEquals(fnvAdd(p.before, kind)), value))
	if f.named {
		f.names = append(f.names, p.name+kind+"="+value)
	}
}

// flag adds the feature prefix=1 when on.
func (f *featureSet) flag(p featurePrefix, on bool) {
	if on {
		f.add(p, "1")
	}
}

// featurePrefix is the part of a feature's name before "=", with its hash
// state worked out once: most of a feature's bytes are its prefix's, and
// the recognizer hashes some 30 features for every candidate.
type featurePrefix struct {
	name   string
	before uint64 // the FNV-1a state after name
	h      uint64 // the state after name and "="
}

func newPrefix(name string) featurePrefix {
	before := fnvAdd(fnvOffset, name)
	return featurePrefix{name: name, before: before, h: fnvEquals(before)}
}

// fnvEquals goes on hashing h with the "=" between a prefix and a value.
func fnvEquals(h uint64) uint64 { return (h ^ '=') * fnvPrime }

// The recognizer's feature prefixes.
var (
	featBias          = newPrefix("bias")
	featKind          = newPrefix("kind")
	featDemonym       = newPrefix("demonym")
	featAbbrev        = newPrefix("abbrev")
	featAlt           = newPrefix("alt")
	featAltSpelling   = newPrefix("alt-spelling")
	featPop           = newPrefix("pop")
	featKindPop       = newPrefix("kind|pop")
	featRank          = newPrefix("rank")
	featTokens        = newPrefix("tokens")
	featMeanings      = newPrefix("meanings")
	featRepeats       = newPrefix("repeats")
	featNeighbour     = newPrefix("neighbour")
	featConf          = newPrefix("conf")
	featCommon        = newPrefix("common")
	featCommonKinded  = newPrefix("common|")
	featWeak          = newPrefix("weak")
	featUnbacked      = newPrefix("unbacked")
	featQualified     = newPrefix("qualified")
	featDateline      = newPrefix("dateline")
	featSentenceStart = newPrefix("sentence-start")
	featTitleLine     = newPrefix("title-line")
	featAllCaps       = newPrefix("all-caps")
	featInCountry     = newPrefix("in-country")
	featLocal         = newPrefix("local")
	featPrevGivenName = newPrefix("prev-given-name")
	featGapBefore     = newPrefix("gap-before")
	featGapAfter      = newPrefix("gap-after")
	featPrev          = newPrefix("prev")
	featNext          = newPrefix("next")
	featKindPrev      = newPrefix("kind|prev")
	featKindNext      = newPrefix("kind|next")
)

// featureID hashes prefix=value with 64-bit FNV-1a.
func featureID(prefix, value string) uint64 {
	return fnvAdd(newPrefix(prefix).h, value)
}

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

// fnvAdd goes on hashing h with the bytes of s.
func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// parseFeature splits a feature name into its prefix and value.
func parseFeature(name string) (prefix, value string) {
	prefix, value, _ = strings.Cut(name, "=")
	return prefix, value
}

// spanContext is what the recognizer reads of a span's fellows.
type spanContext struct {
	repeats   int  // mentions of its name in the article
	neighbour bool // another candidate within two tokens: "Idaho, Utah and Nevada"
}

// contexts describes each span's fellows.
func (d *doc) contexts(spans []span) []spanContext {
	repeats := d.repeats[:0]
	for i := range spans {
		n := int(spans[i].name)
		if n >= len(repeats) {
			repeats = append(repeats, make([]int, n+1-len(repeats))...)
		}
		repeats[n]++
	}
	d.repeats = repeats
	out := make([]spanContext, len(spans))
	for i := range spans {
		out[i].repeats = repeats[spans[i].name]
		out[i].neighbour = i > 0 && spans[i].t0-spans[i-1].t1 <= 2 || i+1 < len(spans) && spans[i+1].t0-spans[i].t1 <= 2
	}
	return out
}

// spanFeatures describes span s of d, after resolution, into f.
func (g *Gazetteer) spanFeatures(d *doc, s *span, c spanContext, f *featureSet) {
	f.reset()
	fa := &g.facts[s.place]
	kind := kindNames[fa.kind]
	var e entry
	for _, m := range s.entries {
		if m.place == s.place {
			e = m
			break
		}
	}
	f.add(featBias, "1")
	f.add(featKind, kind)
	f.flag(featDemonym, e.flags&flagDemonym != 0)
	f.flag(featAbbrev, e.flags&flagAbbrev != 0)
	f.flag(featAlt, e.flags&flagAlt != 0)
	inCountry := d.namesCountryOf(g, s.place)
	if e.flags&flagAlt != 0 {
		f.flag(featAltSpelling, g.respelling(s.key, s.place))
	}
	f.add(featPop, popBucket(fa.pop))
	f.addPair(featKindPop, kind, popBucket(fa.pop))
	f.add(featRank, strconv.Itoa(int(fa.rank)))
	f.add(featTokens, strconv.Itoa(min(s.t1-s.t0, 3)))
	f.add(featMeanings, countBucket(len(s.entries)))
	f.add(featRepeats, countBucket(c.repeats))
	f.flag(featNeighbour, c.neighbour)
	f.add(featConf, strconv.Itoa(int(s.confidence*10)))
	if s.common {
		f.add(featCommon, "1")
		f.addKinded(featCommonKinded, kind, "1")
	}
	f.flag(featWeak, s.weak)
	f.flag(featUnbacked, s.unbacked)
	f.flag(featQualified, s.qual >= 0)
	f.flag(featDateline, s.dateline)
	f.flag(featSentenceStart, d.sent[s.t0])
	f.flag(featTitleLine, d.title[s.t0])
	f.flag(featAllCaps, d.toks[s.t0].upper)
	f.flag(featInCountry, inCountry)
	f.add(featLocal, supportBucket(g.local(&d.ev, s.name, s.place)))
	g.contextFeatures(d, s, kind, f)
}

// contextFeatures describes the words either side of s.
func (g *Gazetteer) contextFeatures(d *doc, s *span, kind string, f *featureSet) {
	prev, next := "^", "$"
	if i := s.t0 - 1; i >= 0 {
		prev = g.wordClass(d, i)
		f.flag(featPrevGivenName, d.is(i, lexGiven) && d.toks[i].cap)
		f.add(featGapBefore, gapClass(d.gap(s.t0)))
	}
	if j := s.t1; j < len(d.toks) {
		next = g.wordClass(d, j)
		f.add(featGapAfter, gapClass(d.gap(j)))
	}
	f.add(featPrev, prev)
	f.add(featNext, next)
	f.addPair(featKindPrev, kind, prev)
	f.addPair(featKindNext, kind, next)
}

// wordClass is a lower-case word itself, or the shape of a capitalised
// one: names around a name matter by their shape, not their spelling. A
// capitalised ordinary word ("Council", "Police") is told from a name.
func (g *Gazetteer) wordClass(d *doc, i int) string {
	t := d.toks[i]
	switch {
	case t.digit:
		return "#num"
	case t.upper:
		return "#CAPS"
	case t.cap && d.is(i, lexGiven):
		return "#Given"
	case t.cap && g.wordAt(d, i).common:
		return "#CapWord"
	case t.cap:
		return "#Cap"
	}
	if d.is(i, lexContext|lexLocPreposition) {
		return d.folded[i]
	}
	return "#word"
}

// contextWords are the lower-case words next to a name that the
// recognizer reads by spelling: function words and the words of speech
// and of administration. Other words count only as words, so that the
// model cannot learn one corpus's vocabulary.
var contextWords = set("of", "the", "and", "or", "said", "says", "for", "on", "by", "with", "as", "is", "was",
	"county", "city", "state", "province", "region", "district", "area", "residents", "native", "based",
	"a", "an", "s", "st", "mr", "mrs", "ms", "dr", "told", "where", "who", "which", "that", "than", "but")

// gapClass names the characters between two tokens.
func gapClass(gap string) string {
	switch strings.TrimSpace(gap) {
	case "":
		if gap == "" {
			return "none"
		}
		return "space"
	case ",":
		return "comma"
	case ".", "!", "?":
		return "stop"
	case "'", "’":
		return "apostrophe"
	case "-", "–", "—":
		return "dash"
	case "(", ")":
		return "paren"
	}
	return "other"
}

func popBucket(pop uint32) string {
	switch {
	case pop < 1_000:
		return "0"
	case pop < 10_000:
		return "1k"
	case pop < 100_000:
		return "10k"
	case pop < 1_000_000:
		return "100k"
	}
	return "1M"
}

func countBucket(n int) string {
	switch {
	case n <= 1:
		return "1"
	case n <= 3:
		return "2-3"
	case n <= 9:
		return "4-9"
	}
	return "10+"
}

func supportBucket(s float64) string {
	switch {
	case s <= 0:
		return "0"
	case s < 1:
		return "weak"
	}
	return "strong"
}

// respelling reports whether alternate name key is another spelling of
// place i's own name ("Derna" for Darnah, "Kiev" for Kyiv) rather than
// another name ("Haydn" for Hayden is close, but "Chopin" for Chopinzinho
// is not): an edit distance of at most a third of the longer name.
func (g *Gazetteer) respelling(key string, i int32) bool {
	own := Key(g.places[i].Name)
	if len(own) > 40 || len(key) > 40 {
		return false
	}
	return 3*editDistance(key, own) <= max(len(key), len(own))
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	var buf [2][41]int
	prev, cur := buf[0][:len(b)+1], buf[1][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// namesCountryOf reports whether the article names place i's country.
func (d *doc) namesCountryOf(g *Gazetteer, i int32) bool {
	c := g.facts[i].country
	return c >= 0 && d.ev.weight[c] > 0
}
