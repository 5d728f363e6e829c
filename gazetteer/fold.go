package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// special folds the letters that Unicode does not decompose to ASCII.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l",
	'đ': "d", 'Đ': "d", 'ı': "i", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th",
	'ð': "d", 'Ð': "d", 'ʻ': "", 'ʼ': "", 'ʿ': "", 'ʾ': "",
}

// latinFold caches the folded form of every rune in Latin-1 and Latin
// Extended-A/B, where nearly all accented letters in place names fall.
var latinFold = func() []string {
	t := make([]string, 0x250)
	for r := rune(0x80); r < 0x250; r++ {
		t[r] = string(foldSlow(nil, r))
	}
	return t
}()

// lowerASCII maps each ASCII byte to its lower case.
var lowerASCII = func() (t [128]byte) {
	for c := range t {
		t[c] = byte(unicode.ToLower(rune(c)))
	}
	return t
}()

// foldRune appends the lower-case, accent-free form of r to dst.
func foldRune(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if int(r) < len(latinFold) && latinFold != nil {
		return append(dst, latinFold[r]...)
	}
	return foldSlow(dst, r)
}

// foldSlow folds r through Unicode decomposition.
func foldSlow(dst []byte, r rune) []byte {
	if s, ok := special[r]; ok {
		return append(dst, s...)
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, d := range norm.NFD.String(string(buf[:n])) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if d < utf8.RuneSelf {
			if 'A' <= d && d <= 'Z' {
				d += 'a' - 'A'
			}
			dst = append(dst, byte(d))
		} else {
			dst = utf8.AppendRune(dst, unicode.ToLower(d))
		}
	}
	return dst
}

// foldWord appends the folded form of one token (letters and digits only).
func foldWord(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			for _, r := range w {
				dst = foldRune(dst, r)
			}
			return dst
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// Key normalises a place name for lookup: tokens of letters and digits,
// folded to lower case without accents and joined by single spaces.
// "Sant Julià de Lòria", "sant-julia de loria" and "SANT JULIA DE LORIA"
// share one key; so do "U.S." and "U S".
func Key(name string) string {
	// Buffers on the stack: a load keys every name, and most are short.
	var tokBuf [8]token
	var keyBuf [64]byte
	b := keyBuf[:0]
	for _, t := range appendTokens(tokBuf[:0], name) {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = foldWord(b, name[t.start:t.end])
	}
	return string(b)
}

// isLatinKey reports whether a key is plain ASCII, so that it can match
// English-language text.
func isLatinKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if k[i] >= utf8.RuneSelf {
			return false
		}
	}
	return strings.TrimSpace(k) != ""
}
