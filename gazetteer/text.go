package gazetteer

import (
	"strings"
	"sync"

	"mentionmap/geo"
)

// doc is a text prepared for spotting: its tokens, their folded forms and
// what the spotter needs to know about their surroundings.
type doc struct {
	text     string
	toks     []token
	folded   []string         // lower-case, accent-free form of each token
	space    []bool           // token follows the one before after exactly one space
	sent     []bool           // token starts a sentence
	title    []bool           // token is in a Title Case line, such as a headline
	ends     []int            // scratch: end of each folded token in buf
	buf      []byte           // scratch: folded tokens
	ev       evidence         // scratch: resolution evidence
	names    map[string]int32 // scratch: span keys numbered, by numberNames
	words    []word           // what the gazetteer knows of each token, once looked
	looked   []bool           // words[i] is set
	lexes    []lexClass       // the word lists each token is on, once looked (lexicon.go)
	spans    []span           // scratch: candidates, by spot
	persons  map[string]bool  // scratch: names used for people, by spot
	keyBuf   []byte           // scratch: a name key being built
	features featureSet       // scratch: a span's features, for the recognizer
	named    table[int]       // scratch: mentions per place, for reasons
	shared   table[*geo.Why]  // scratch: reasons by the start of a sense's span, for reasons
	repeats  []int            // scratch: mentions per name, for the recognizer
	keep     []bool           // scratch: the recognizer's decision per span

	maxSpans   int // candidates spot keeps; -1 for all
	extraSpans int // candidates past maxSpans, counted by spot
}

// abbrevTitles end with a period that does not end a sentence.
var abbrevTitles = set("mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr",
	"sen", "rep", "gov", "rev", "st", "mt", "ft", "jr", "sr", "prof", "pvt", "cpl", "gov", "no", "vs", "inc", "co", "corp", "ltd")

// docPool recycles the per-text buffers, so parsing allocates little and
// the garbage collector (which must scan the large gazetteer) runs seldom.
var docPool = sync.Pool{New: func() any { return new(doc) }}

// grow returns s with length n, reusing its array when it is big enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// release returns d's buffers to the pool.
func (d *doc) release() {
	d.text = ""
	// A very long text's buffers are let go: kept in the pool, one 5 MB
	// text would hold hundreds of megabytes for good.
	if cap(d.toks) > maxPooledTokens {
		return
	}
	docPool.Put(d)
}

// maxPooledTokens is the largest text, in tokens, whose buffers are reused:
// about 200 KB of text, far beyond a news article.
const maxPooledTokens = 1 << 16

func newDoc(text string) *doc {
	d := docPool.Get().(*doc)
	d.text, d.maxSpans, d.extraSpans = text, -1, 0
	d.toks = appendTokens(d.toks[:0], text)
	n := len(d.toks)
	d.folded = grow(d.folded, n)
	d.sent = grow(d.sent, n)
	d.space = grow(d.space, n)
	d.title = grow(d.title, n)
	d.ends = grow(d.ends, n)
	d.words = grow(d.words, n)
	d.looked = grow(d.looked, n)
	d.lexes = grow(d.lexes, n)
	// Fold the tokens with capitals or non-ASCII letters into one arena: one
	// allocation instead of one per token. Most words of a text are lower
	// case ASCII already, and are their own folded form.
	buf := d.buf[:0]
	for i, t := range d.toks {
		switch {
		case t.lower: // its own folded form, taken from the text below
		case t.ascii:
			for j := t.start; j < t.end; j++ {
				buf = append(buf, lowerASCII[text[j]])
			}
		default:
			buf = foldWord(buf, text[t.start:t.end])
		}
		d.ends[i] = len(buf)
		d.space[i] = i > 0 && t.start == d.toks[i-1].end+1 && text[t.start-1] == ' '
	}
	d.buf = buf
	arena, start := string(buf), 0
	for i, t := range d.toks {
		if t.lower {
			d.folded[i] = text[t.start:t.end]
			continue
		}
		d.folded[i] = arena[start:d.ends[i]]
		start = d.ends[i]
	}
	for i := range d.toks {
		d.sent[i] = d.startsSentence(i)
	}
	d.markTitleLines()
	return d
}

// wordAt is what the gazetteer knows of token i, looked up once per text.
func (g *Gazetteer) wordAt(d *doc, i int) *word {
	if !d.looked[i] {
		d.words[i], d.looked[i] = g.words.get(d.folded[i]), true
	}
	return &d.words[i]
}

// gap is the text between token i-1 and token i.
func (d *doc) gap(i int) string {
	if i == 0 {
		return d.text[:d.toks[0].start]
	}
	return d.text[d.toks[i-1].end:d.toks[i].start]
}

func (d *doc) startsSentence(i int) bool {
	if i == 0 {
		return true
	}
	if d.space[i] {
		return false
	}
	g := d.gap(i)
	if strings.ContainsAny(g, "!?\n:•|") || strings.Contains(g, "—") && i > 0 && d.toks[i-1].upper {
		return true
	}
	if !strings.Contains(g, ".") {
		return false
	}
	prev := d.toks[i-1]
	if prev.end-prev.start == 1 || abbrevTitles[d.folded[i-1]] {
		return false // "U.S. forces", "Gen. Haftar"
	}
	return true
}

// markTitleLines flags tokens in lines where nearly every word is
// capitalised: headlines, where capitals say nothing about names.
func (d *doc) markTitleLines() {
	lineStart := 0
	for i := 0; i <= len(d.toks); i++ {
		if i < len(d.toks) && (i == 0 || d.space[i] || !strings.Contains(d.gap(i), "\n")) {
			continue
		}
		words, caps := 0, 0
		for j := lineStart; j < i; j++ {
			t := d.toks[j]
			if t.end-t.start >= 4 && !t.digit {
				words++
				if t.cap {
					caps++
				}
			}
		}
		if words >= 3 && caps*10 >= words*8 {
			for j := lineStart; j < i; j++ {
				d.title[j] = true
			}
		}
		lineStart = i
	}
}

// joinable reports whether the gap before token i may sit inside a name:
// a space, a hyphen, a period or an apostrophe, on one line.
func (d *doc) joinable(i int) bool {
	if d.space[i] {
		return true
	}
	g := d.gap(i)
	if len(g) == 0 || len(g) > 4 {
		return len(g) == 0
	}
	rest := strings.Trim(g, " ")
	if strings.Count(g, " ") > 2 {
		return false
	}
	switch rest {
	case "", "-", ".", "'", "’", "‘":
		return true
	}
	return false
}

// elided reports whether token i goes on the word before it after an
// apostrophe, with no space: the "ele" of "Mek'ele". A possessive "s" is
// not such a part.
func (d *doc) elided(i int) bool {
	switch d.gap(i) {
	case "'", "’":
		return d.folded[i] != "s"
	}
	return false
}

// spaced reports whether token i follows token i-1 after plain spaces.
func (d *doc) spaced(i int) bool {
	if d.space[i] {
		return true
	}
	g := d.gap(i)
	return len(g) > 0 && strings.Trim(g, " ") == ""
}

// titled reports whether token i follows i-1 after a space or ". ".
func (d *doc) titled(i int) bool {
	if d.space[i] {
		return true
	}
	g := strings.Trim(d.gap(i), " ")
	return g == "" || g == "."
}

// dateline reports whether s opens a line in capitals and a dash follows
// it closely on that line: "NEW YORK (AP) —", "LEXINGTON, Ky. -".
func (d *doc) dateline(s *span) bool {
	for t := s.t0; t < s.t1; t++ {
		if !d.toks[t].upper && d.toks[t].end-d.toks[t].start > 1 {
			return false
		}
	}
	// The gap before the name holds the line break: looking further back
	// would cost a scan of the text per name.
	gap := d.gap(s.t0)
	if s.t0 > 0 && !strings.Contains(gap, "\n") || strings.TrimLeft(gap[strings.LastIndexByte(gap, '\n')+1:], " \t(") != "" {
		return false
	}
	rest := d.text[s.end:min(len(d.text), s.end+32)]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	return strings.Contains(rest, "—") || strings.Contains(rest, "–") || strings.Contains(rest, " -") ||
		strings.HasPrefix(strings.TrimSpace(rest), ")")
}
