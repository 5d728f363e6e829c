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
func (f *featureSet) add(prefix, value string) {
	f.ids = append(f.ids, featureID(prefix, value))
	if f.named {
		f.names = append(f.names, prefix+"="+value)
	}
}

// addPair adds the feature prefix=a|b without building the string.
func (f *featureSet) addPair(prefix, a, b string) {
	h := fnvAdd(fnvAdd(fnvAdd(featureID(prefix, ""), a), "|"), b)
	f.ids = append(f.ids, h)
	if f.named {
		f.names = append(f.names, prefix+"="+a+"|"+b)
	}
}

// addKinded adds the feature prefix+kind=value without building the string.
func (f *featureSet) addKinded(prefix, kind, value string) {
	h := fnvAdd(fnvAdd(fnvOffset, prefix), kind)
	f.ids = append(f.ids, fnvAdd((h^'=')*fnvPrime, value))
	if f.named {
		f.names = append(f.names, prefix+kind+"="+value)
	}
}

// flag adds the feature prefix=1 when on.
func (f *featureSet) flag(prefix string, on bool) {
	if on {
		f.add(prefix, "1")
	}
}

// featureID hashes prefix=value with 64-bit FNV-1a.
func featureID(prefix, value string) uint64 {
	h := fnvAdd(fnvOffset, prefix)
	h = (h ^ '=') * fnvPrime
	return fnvAdd(h, value)
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
	f.add("bias", "1")
	f.add("kind", kind)
	f.flag("demonym", e.flags&flagDemonym != 0)
	f.flag("abbrev", e.flags&flagAbbrev != 0)
	f.flag("alt", e.flags&flagAlt != 0)
	inCountry := d.namesCountryOf(g, s.place)
	if e.flags&flagAlt != 0 {
		f.flag("alt-spelling", g.respelling(s.key, s.place))
	}
	f.add("pop", popBucket(fa.pop))
	f.addPair("kind|pop", kind, popBucket(fa.pop))
	f.add("rank", strconv.Itoa(int(fa.rank)))
	f.add("tokens", strconv.Itoa(min(s.t1-s.t0, 3)))
	f.add("meanings", countBucket(len(s.entries)))
	f.add("repeats", countBucket(c.repeats))
	f.flag("neighbour", c.neighbour)
	f.add("conf", strconv.Itoa(int(s.confidence*10)))
	if s.common {
		f.add("common", "1")
		f.addKinded("common|", kind, "1")
	}
	f.flag("weak", s.weak)
	f.flag("unbacked", s.unbacked)
	f.flag("qualified", s.qual >= 0)
	f.flag("dateline", s.dateline)
	f.flag("sentence-start", d.sent[s.t0])
	f.flag("title-line", d.title[s.t0])
	f.flag("all-caps", d.toks[s.t0].upper)
	f.flag("in-country", inCountry)
	f.add("local", supportBucket(g.local(&d.ev, s.name, s.place)))
	g.contextFeatures(d, s, kind, f)
}

// contextFeatures describes the words either side of s.
func (g *Gazetteer) contextFeatures(d *doc, s *span, kind string, f *featureSet) {
	prev, next := "^", "$"
	if i := s.t0 - 1; i >= 0 {
		prev = g.wordClass(d, i)
		f.flag("prev-given-name", d.is(i, lexGiven) && d.toks[i].cap)
		f.add("gap-before", gapClass(d.gap(s.t0)))
	}
	if j := s.t1; j < len(d.toks) {
		next = g.wordClass(d, j)
		f.add("gap-after", gapClass(d.gap(j)))
	}
	f.add("prev", prev)
	f.add("next", next)
	f.addPair("kind|prev", kind, prev)
	f.addPair("kind|next", kind, next)
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
