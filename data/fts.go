package data

import (
	"strings"
	"unicode"

	"mentionmap/geo"
)

// ftsQuery turns a user's search into a safe FTS5 query. It accepts
// words, "quoted phrases", OR between terms and a trailing * for
// prefixes; everything else is treated as text, so no input can inject
// FTS5 syntax. All terms must match unless joined by OR.
func ftsQuery(q string) (string, error) {
	if strings.Count(q, `"`)%2 == 1 {
		return "", geo.Errorf(geo.EINVALID, "q: unbalanced quote")
	}
	var terms []string
	for i, part := range strings.Split(q, `"`) {
		if i%2 == 1 {
			if w := words(part); len(w) > 0 {
				terms = append(terms, `"`+strings.Join(w, " ")+`"`)
			}
			continue
		}
		for _, f := range strings.Fields(part) {
			switch {
			case f == "OR" && len(terms) > 0 && terms[len(terms)-1] != "OR":
				terms = append(terms, "OR")
			default:
				prefix := strings.HasSuffix(f, "*")
				for _, w := range words(f) {
					terms = append(terms, `"`+w+`"`)
				}
				if prefix && len(terms) > 0 && terms[len(terms)-1] != "OR" {
					terms[len(terms)-1] += "*"
				}
			}
		}
	}
	for len(terms) > 0 && terms[len(terms)-1] == "OR" {
		terms = terms[:len(terms)-1]
	}
	if len(terms) == 0 {
		return "", geo.Errorf(geo.EINVALID, "q: no words to search for")
	}
	return strings.Join(terms, " "), nil
}

// words splits s into runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}
