package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Focus is what an article is mainly about: a country, a first-level
// division in it and a town in that, each "" when no one place of the
// level stands out. The levels nest: a division is in the country, a
// town in the division.
type Focus struct {
	Country string // ISO 3166-1 alpha-2
	Admin1  string // the division's place key, "US.LA"
	City    string // the town's place key
}

// The weights of the evidence, in mentions: a place in the title or the
// dateline counts as that many more mentions of it, once.
const (
	focusTitle    = 2.0
	focusDateline = 2.0
	focusLead     = 1.0
	focusDemonym  = 0.5
	focusLeadLen  = 300 // bytes of text after the title and dateline
)

// FocusRule is the share of the weight that a level's leader needs: the
// country of all the weight, the division of its country's, and the
// town of its division's (of its country's, when no division is chosen).
type FocusRule struct{ Country, Division, Town float64 }

// DefaultFocus is the rule ChooseFocus uses; package eval measures it
// and its neighbours on annotated articles (docs/geoparser.md).
var DefaultFocus = FocusRule{Country: 0.4, Division: 0.5, Town: 0.4}

// ChooseFocus picks an article's focus from its mentions with
// DefaultFocus. Each mention weighs one, a demonym half; the title, the
// dateline and the lead add to a place's weight, once each, and a
// qualifier ("Charleston, W.Va.") adds its weight to its town. A place's
// weight also counts for the division and the country that hold it.
// Frequency, position and containment are the usual evidence of focus in
// news.
func ChooseFocus(title, text string, ms []Mention) Focus {
	return DefaultFocus.Choose(title, text, ms)
}

// Choose picks an article's focus as ChooseFocus does, with rule r.
func (r FocusRule) Choose(title, text string, ms []Mention) Focus {
	w := focusWeights(title, text, ms)
	var f Focus
	country := w.leader(func(p *Place) (string, bool) { return p.Country, p.Country != "" })
	if country == "" || w.of(country, w.all) < r.Country {
		return f
	}
	f.Country = country
	parent := w.sum[country]
	admin1 := w.leader(func(p *Place) (string, bool) {
		return divisionKey(*p), p.Country == country && p.Admin1 != "" && p.Kind != KindCountry
	})
	if admin1 != "" && w.of(admin1, parent) >= r.Division {
		f.Admin1 = admin1
		parent = w.sum[admin1]
	}
	city := w.leader(func(p *Place) (string, bool) {
		return p.Key, p.Kind == KindCity && p.Country == country && (f.Admin1 == "" || divisionKey(*p) == f.Admin1)
	})
	if city != "" && w.of(city, parent) >= r.Town {
		f.City = city
	}
	return f
}

// Has reports whether p is one of f's places.
func (f Focus) Has(p Place) bool {
	switch {
	case f.Country == "":
		return false
	case p.Kind == KindCountry:
		return p.Country == f.Country
	case p.Kind == KindAdmin1:
		return f.Admin1 != "" && p.Key == f.Admin1
	}
	return f.City != "" && p.Key == f.City
}

// MarkFocus chooses a's focus and marks the mentions of its places.
func MarkFocus(a *Article) {
	f := ChooseFocus(a.Title, a.Text, a.Mentions)
	for i := range a.Mentions {
		a.Mentions[i].Focus = f.Has(a.Mentions[i].Place)
	}
}

// qualifies reports whether m names the division or country of the town
// that prev names, right after it: "Charleston, W.Va.", "Tbilisi, Georgia".
func qualifies(text string, prev, m *Mention) bool {
	if prev.Place.Kind != KindCity || m.Start < prev.End || m.Start-prev.End > 3 ||
		strings.TrimSpace(strings.Trim(text[prev.End:m.Start], " ,(")) != "" {
		return false
	}
	switch m.Place.Kind {
	case KindCountry:
		return m.Place.Country == prev.Place.Country
	case KindAdmin1:
		return m.Place.Key == divisionKey(prev.Place)
	}
	return false
}

func divisionKey(p Place) string { return p.Country + "." + p.Admin1 }

// weights holds each place's weight, and the places by key.
type weights struct {
	place map[string]*Place  // points into the mentions: a Place is large
	own   map[string]float64 // a place's own weight
	sum   map[string]float64 // a group's weight, filled by leader
	all   float64
}

func focusWeights(title, text string, ms []Mention) *weights {
	w := &weights{place: map[string]*Place{}, own: map[string]float64{}, sum: map[string]float64{}}
	start := bodyStart(title, text)
	dateline := datelineEnd(text, start)
	lead := leadEnd(text, start, dateline)
	bonus := map[string]float64{}
	for i := range ms {
		m := &ms[i]
		k := m.Place.Key
		w.place[k] = &m.Place
		if i > 0 && qualifies(text, &ms[i-1], m) {
			// "Charleston, W.Va.": the qualifier is weight of the town.
			k = ms[i-1].Place.Key
		}
		v := 1.0
		if m.Demonym {
			v = focusDemonym
		}
		w.own[k] += v
		w.all += v
		b := 0.0
		if m.End <= dateline {
			b += focusDateline
		}
		if m.Start < lead {
			b += focusLead
		}
		if inTitle(title, m.Text) || (m.End <= len(title) && strings.HasPrefix(text, title)) {
			b += focusTitle
		}
		bonus[k] = max(bonus[k], b) // once per place, however often named
	}
	for k, b := range bonus {
		w.own[k] += b
		w.all += b
	}
	return w
}

// leader groups the places by group (skipping those it refuses), sums
// their weights into w.sum and returns the heaviest group, ties to the
// smaller key.
func (w *weights) leader(group func(*Place) (string, bool)) (best string) {
	sums := map[string]float64{}
	for k, v := range w.own {
		if g, ok := group(w.place[k]); ok {
			sums[g] += v
		}
	}
	for g, v := range sums {
		w.sum[g] = v
		if best == "" || v > sums[best] || v == sums[best] && g < best {
			best = g
		}
	}
	return best
}

func (w *weights) of(group string, parent float64) float64 {
	if parent == 0 {
		return 0
	}
	return w.sum[group] / parent
}

// inTitle reports whether name is a whole word of title.
func inTitle(title, name string) bool {
	for i := 0; name != "" && i < len(title); {
		j := strings.Index(title[i:], name)
		if j < 0 {
			return false
		}
		s, e := i+j, i+j+len(name)
		if boundary(title, s-1) && boundary(title, e) {
			return true
		}
		i = s + 1
	}
	return false
}

func boundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// datelineEnd returns where a dateline ("TRIPOLI, Libya (Reuters) —",
// "HELENA, Mont. (AP) -") ends in text, 0 when it has none: the body
// opens with a word in capitals, and a dash, a colon or an agency's name
// in parentheses ends it within 80 bytes. The body starts at start
// (bodyStart).
func datelineEnd(text string, start int) int {
	head := text[start:min(len(text), start+80)]
	word := strings.FieldsFunc(head, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	if len(word) == 0 || utf8.RuneCountInString(word[0]) < 3 || strings.ToUpper(word[0]) != word[0] {
		return 0
	}
	end := -1
	for _, sep := range []string{" — ", " – ", " -- ", " - ", "):", ") "} {
		if i := strings.Index(head, sep); i >= 0 && (end < 0 || i < end) {
			end = i
		}
	}
	if i := strings.IndexByte(head, ':'); i >= 0 && (end < 0 || i < end) {
		end = i
	}
	if end < 0 {
		return 0
	}
	return start + end
}

// bodyStart skips a title that the text repeats, as its first line or
// its first sentence.
func bodyStart(title, text string) int {
	start := 0
	switch nl := strings.IndexByte(text, '\n'); {
	case title != "" && strings.HasPrefix(text, title):
		start = len(title)
	case nl >= 0 && nl < 400 && title != "" && strings.Contains(text[:nl], title):
		start = nl
	}
	for start < len(text) && strings.IndexByte(" \n\r\t.:", text[start]) >= 0 {
		start++
	}
	return start
}

// leadEnd returns where the lead ends: focusLeadLen bytes past the body's
// start (after a title that the text repeats) and the dateline.
func leadEnd(text string, start, dateline int) int {
	return min(len(text), max(dateline, start)+focusLeadLen)
}
