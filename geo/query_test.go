package geo

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	word := func(w string) QueryTerm { return QueryTerm{Words: []string{w}} }
	tests := []struct {
		in    string
		terms []QueryTerm
		code  string
	}{
		{"tripoli airport", []QueryTerm{word("tripoli"), word("airport")}, ""},
		{`"militias fought" OR sirte`, []QueryTerm{{Words: []string{"militias", "fought"}}, {Words: []string{"sirte"}, Or: true}}, ""},
		{"trip*", []QueryTerm{{Words: []string{"trip"}, Prefix: true}}, ""},
		{"OR sirte", []QueryTerm{word("OR"), word("sirte")}, ""},
		{"NEAR(a b)", []QueryTerm{word("NEAR"), word("a"), word("b")}, ""},
		{"tr*", nil, EINVALID},
		{"a* b*", nil, EINVALID},
		{"abc* bcd* cde* def* efg*", nil, EINVALID},
		{"abc* bcd* cde* def*", nil, ""},
		{strings.Repeat("w ", MaxQueryWords), nil, ""},
		{strings.Repeat("w ", MaxQueryWords+1), nil, EINVALID},
		{strings.Repeat("a", MaxQueryBytes+1), nil, EINVALID},
		{strings.Repeat("a* ", 200), nil, EINVALID},
		{`"unbalanced`, nil, EINVALID},
		{`*** ""`, nil, EINVALID},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.in)
		if code := ErrorCode(err); code != tt.code {
			t.Errorf("ParseQuery(%.40q): %v, want code %q", tt.in, err, tt.code)
			continue
		}
		if tt.terms != nil && !reflect.DeepEqual(got.Terms, tt.terms) {
			t.Errorf("ParseQuery(%q) = %+v, want %+v", tt.in, got.Terms, tt.terms)
		}
	}
}

// FuzzParseQuery checks that every accepted query keeps to the limits and
// holds only letters and digits in its words.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"tripoli", `"a b" OR c*`, "NEAR(", `'; DROP TABLE x; --`, "abc* OR OR d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		tq, err := ParseQuery(q)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("%q: %v", q, err)
			}
			return
		}
		words, prefixes := 0, 0
		for i, term := range tq.Terms {
			if i == 0 && term.Or {
				t.Errorf("%q: the first term is ORed", q)
			}
			for _, w := range term.Words {
				if w == "" || strings.IndexFunc(w, func(r rune) bool { return !IsWordRune(r) }) >= 0 {
					t.Errorf("%q: word %q", q, w)
				}
			}
			words += len(term.Words)
			if term.Prefix {
				prefixes++
			}
		}
		if words == 0 || words > MaxQueryWords || prefixes > MaxQueryPrefixes {
			t.Errorf("%q: %d words, %d prefixes", q, words, prefixes)
		}
	})
}
