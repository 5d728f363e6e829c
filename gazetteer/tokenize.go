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
}

// isWordByte reports whether an ASCII byte belongs to a token.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// appendTokens appends the tokens of s to toks: runs of letters, digits
// and combining marks.
func appendTokens(toks []token, s string) []token {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && !isWordByte(c) {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += n
				continue
			}
		}
		t := token{start: i, ascii: true}
		letters, uppers := 0, 0
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if !isWordByte(c) {
					break
				}
				switch {
				case 'A' <= c && c <= 'Z':
					letters++
					uppers++
				case 'a' <= c && c <= 'z':
					letters++
				default:
					t.digit = true
				}
				if i == t.start {
					t.cap = 'A' <= c && c <= 'Z'
				}
				i++
				continue
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
		toks = append(toks, t)
	}
	return toks
}
