package postgis

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PostgreSQL's limits on a tsvector: a lexeme's bytes, its positions, and
// a position's value. to_tsvector drops longer words, keeps a word's first
// 255 positions, and clamps positions.
const (
	maxLexemeBytes = 2046
	maxPositions   = 255
	maxPosition    = 16383
)

// searchVector renders the words of an article's title and text as a
// tsvector's text form, numbered from 1 across both as to_tsvector('simple',
// title || ' ' || text) numbers them.
//
// A word is a run of letters, digits and combining marks, lower-cased: the
// words a query can hold (geo.ParseQuery), as SQLite's unicode61 tokenizer
// reads them. PostgreSQL's own parser took three quarters of the indexer's
// time (124 µs for an article of 1 KB, against 31 µs to read this form), and
// also keeps hyphenated words and numbers like "3.5" whole, which no query
// can ask for.
func searchVector(title, text string) string {
	v := vectorWords{at: map[string][]int{}}
	v.add(title)
	v.add(text)
	words := make([]string, 0, len(v.at))
	for w := range v.at {
		words = append(words, w)
	}
	slices.Sort(words)
	var b strings.Builder
	b.Grow(v.bytes)
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('\'')
		b.WriteString(w) // letters and digits: nothing to escape
		b.WriteString("':")
		for j, p := range v.at[w] {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
		}
	}
	return b.String()
}

// vectorWords collects each word's positions.
type vectorWords struct {
	at    map[string][]int
	pos   int
	bytes int // an estimate of the text form's length
}

func (v *vectorWords) add(s string) {
	for i := 0; i < len(s); {
		start := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				break
			}
			i += n
		}
		if i == start {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		v.pos++
		w := lower(s[start:i])
		if len(w) > maxLexemeBytes {
			continue
		}
		ps := v.at[w]
		if len(ps) == 0 {
			v.bytes += len(w) + 4
		}
		if p := min(v.pos, maxPosition); len(ps) < maxPositions && (len(ps) == 0 || ps[len(ps)-1] < p) {
			v.at[w] = append(ps, p)
			v.bytes += 6
		}
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// lower is strings.ToLower without a copy for a word already lower-case.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}
