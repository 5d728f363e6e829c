package gazetteer

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// referenceTokens is appendTokens written plainly, rune by rune.
func referenceTokens(s string) []token {
	var toks []token
	var t *token
	letters, uppers := 0, 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || (t != nil && unicode.Is(unicode.Mn, r))
		if r >= utf8.RuneSelf || r == utf8.RuneError {
			in = in && r != utf8.RuneError
		}
		switch {
		case !in && t != nil:
			t.end, t.upper, t.lower = i, letters >= 2 && uppers == letters, t.ascii && uppers == 0
			t = nil
		case in && t == nil:
			toks = append(toks, token{start: i, cap: unicode.IsUpper(r), ascii: true})
			t, letters, uppers = &toks[len(toks)-1], 0, 0
		}
		if t != nil {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					uppers++
				}
			}
			t.digit = t.digit || '0' <= r && r <= '9'
			t.ascii = t.ascii && n == 1 && r < utf8.RuneSelf
		}
		i += n
	}
	if t != nil {
		t.end, t.upper, t.lower = len(s), letters >= 2 && uppers == letters, t.ascii && uppers == 0
	}
	return toks
}

func TestAppendTokens(t *testing.T) {
	for _, tc := range []struct {
		text  string
		words []string
	}{
		{"", nil},
		{"Rain in PARIS, Texas.", []string{"Rain", "in", "PARIS", "Texas"}},
		{"Mek'ele and N'Djamena", []string{"Mek", "ele", "and", "N", "Djamena"}},
		{"Mişrātah 2024 A4", []string{"Mişrātah", "2024", "A4"}},
		{"São Paulo—Zürich", []string{"São", "Paulo", "Zürich"}},
		{"e\u0301te\u0301 U.S.", []string{"e\u0301te\u0301", "U", "S"}},
	} {
		got := appendTokens(nil, tc.text)
		var words []string
		for _, tok := range got {
			words = append(words, tc.text[tok.start:tok.end])
		}
		if !slices.Equal(words, tc.words) {
			t.Errorf("tokens of %q: %q, want %q", tc.text, words, tc.words)
		}
		if want := referenceTokens(tc.text); !slices.Equal(got, want) {
			t.Errorf("tokens of %q: %+v, want %+v", tc.text, got, want)
		}
	}
	toks := appendTokens(nil, "PARIS Paris paris A 4x Éire")
	for i, want := range []token{{cap: true, upper: true, ascii: true}, {cap: true, ascii: true}, {ascii: true, lower: true},
		{cap: true, ascii: true}, {digit: true, ascii: true, lower: true}, {cap: true}} {
		got := toks[i]
		if got.cap != want.cap || got.upper != want.upper || got.digit != want.digit || got.ascii != want.ascii || got.lower != want.lower {
			t.Errorf("token %d: %+v, want the flags of %+v", i, got, want)
		}
	}
}

func FuzzAppendTokens(f *testing.F) {
	for _, s := range []string{"Rain in PARIS, Texas.", "Mişrātah", "e\u0301", "\xff\xfeA", "x\u0301\u0301 ٣٤"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendTokens(nil, s), referenceTokens(s); !slices.Equal(got, want) {
			t.Errorf("tokens of %q: %+v, want %+v", s, got, want)
		}
	})
}

// FuzzFoldedTokens checks that the doc's folded form of every token is
// foldWord's, whether the token was folded or is its own folded form.
func FuzzFoldedTokens(f *testing.F) {
	for _, s := range []string{"Rain in PARIS, Texas.", "Mişrātah and misrata", "e\u0301 É 4x", "\xff\xfeA b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := newDoc(s)
		defer d.release()
		for i, tok := range d.toks {
			if want := string(foldWord(nil, s[tok.start:tok.end])); d.folded[i] != want {
				t.Errorf("token %q folds to %q, want %q", s[tok.start:tok.end], d.folded[i], want)
			}
		}
	})
}
