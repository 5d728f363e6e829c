package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on a text query: each word is a lookup in the search index, and
// a short prefix can match most of its vocabulary.
const (
	MaxQueryBytes    = 512
	MaxQueryWords    = 16
	MaxQueryPrefixes = 4
	MinPrefixRunes   = 3
)

// TextQuery is a parsed search (the q parameter): every term must match
// unless joined to the one before by OR. Each store renders it in its own
// search syntax. The zero TextQuery searches for nothing.
type TextQuery struct {
	Terms []QueryTerm
}

// IsZero reports whether q searches for nothing.
func (q TextQuery) IsZero() bool { return len(q.Terms) == 0 }

// QueryTerm is a word, or a quoted phrase's words in order.
type QueryTerm struct {
	Words  []string
	Prefix bool // the last word is a prefix ("trip*")
	Or     bool // OR the term before, instead of AND
}

// ParseQuery reads q: words, "quoted phrases", OR between terms, and a
// trailing * for a prefix. Anything else is text: punctuation separates
// words, so no input carries a search engine's own syntax. It refuses a
// query past the limits above, saying which.
func ParseQuery(q string) (TextQuery, error) {
	var tq TextQuery
	if len(q) > MaxQueryBytes {
		return tq, Errorf(EINVALID, "q is %d bytes; the limit is %d", len(q), MaxQueryBytes)
	}
	if strings.Count(q, `"`)%2 == 1 {
		return tq, Errorf(EINVALID, "q: unbalanced quote")
	}
	or := false // an OR waits for the next term
	for i, part := range strings.Split(q, `"`) {
		if i%2 == 1 {
			if w := queryWords(part); len(w) > 0 {
				tq.Terms = append(tq.Terms, QueryTerm{Words: w, Or: or})
				or = false
			}
			continue
		}
		for _, f := range strings.Fields(part) {
			if f == "OR" && len(tq.Terms) > 0 && !or {
				or = true
				continue
			}
			ws := queryWords(f)
			for _, w := range ws {
				tq.Terms = append(tq.Terms, QueryTerm{Words: []string{w}, Or: or})
				or = false
			}
			if strings.HasSuffix(f, "*") && len(ws) > 0 {
				tq.Terms[len(tq.Terms)-1].Prefix = true
			}
		}
	}
	return tq, tq.check()
}

// check applies the limits on words and prefixes.
func (tq TextQuery) check() error {
	words, prefixes := 0, 0
	for _, t := range tq.Terms {
		words += len(t.Words)
		if !t.Prefix {
			continue
		}
		prefixes++
		if p := t.Words[len(t.Words)-1]; utf8.RuneCountInString(p) < MinPrefixRunes {
			return Errorf(EINVALID, "q: the prefix %q is shorter than %d characters", p+"*", MinPrefixRunes)
		}
	}
	switch {
	case words == 0:
		return Errorf(EINVALID, "q: no words to search for")
	case words > MaxQueryWords:
		return Errorf(EINVALID, "q has %d words; the limit is %d", words, MaxQueryWords)
	case prefixes > MaxQueryPrefixes:
		return Errorf(EINVALID, "q has %d prefixes (word*); the limit is %d", prefixes, MaxQueryPrefixes)
	}
	return nil
}

// queryWords splits s into runs of letters and digits.
func queryWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !IsWordRune(r) })
}

// IsWordRune reports whether r belongs to a word of a search: a store's
// index reads the words of a text as the query reads its own. ASCII, most
// of what an index reads, is answered without the Unicode tables.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}
