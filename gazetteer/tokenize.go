package gazetteer

import (
	"unicode"
	"unicode/utf8"
)

// token is a run of letters and digits in a text.
type token struct {
	start, end int
	cap        bool // first letter upper case
	upper      bool // every letter upper case, and at least two letters
	digit      bool // contains a digit
	ascii      bool // every byte is ASCII
	lower      bool // ASCII without an upper-case letter: its own folded form
}

// Classes of bytes, for the tokenizer: one table lookup a byte instead of
// a comparison per range. An ASCII byte of class 0 belongs to no token.
const (
	byteUpper = 1 << iota
	byteLower
	byteDigit
	byteHigh // not ASCII: decoded as a rune
)

var byteClasses = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = byteHigh
		case 'A' <= c && c <= 'Z':
			t[c] = byteUpper
		case 'a' <= c && c <= 'z':
			t[c] = byteLower
		case '0' <= c && c <= '9':
			t[c] = byteDigit
		}
	}
	return t
}()

// appendTokens appends the tokens of s to toks: runs of letters, digits
// and combining marks.
func appendTokens(toks []token, s string) []token {
	i := 0
	for i < len(s) {
		c := s[i]
		class := byteClasses[c]
		if class == 0 { // ASCII that is no letter or digit
			i++
			continue
		}
		if class == byteHigh {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += n
				continue
			}
		}
		t := token{start: i, ascii: true, cap: class == byteUpper}
		letters, uppers := 0, 0
	tokenLoop:
		for i < len(s) {
			switch byteClasses[s[i]] {
			case byteLower:
				letters++
				i++
				continue
			case byteUpper:
				letters++
				uppers++
				i++
				continue
			case byteDigit:
				t.digit = true
				i++
				continue
			case 0:
				break tokenLoop
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			t.ascii = false
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					uppers++
				}
			}
			if i == t.start {
				t.cap = unicode.IsUpper(r)
			}
			i += n
		}
		t.end = i
		t.upper = letters >= 2 && uppers == letters
		t.lower = t.ascii && uppers == 0
		toks = append(toks, t)
	}
	return toks
}
