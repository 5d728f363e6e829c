package geo

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// A place is shown under the name its readers know. GeoNames names places
// by their local transliteration ("Mişrātah", "Türkiye"); articles in
// English say "Misrata" and "Turkey". The stores count each place's forms
// as its mentions write them, and show the form used most. Ties go to the
// gazetteer's name, then to the form first in byte order.

// MinFormRunes is the shortest form that can name a place on a map:
// shorter ones are abbreviations ("US", "Ky.").
const MinFormRunes = 4

// KnownForm reports the form under which m counts towards its place's
// name: its text, unless that is a demonym ("Libyan"), an abbreviation,
// or a form in one case only, as datelines ("TRIPOLI —") and lower-case
// slips write it. The stores' migrations count the mentions stored before
// with the same rule, in SQL.
func KnownForm(m *Mention) (string, bool) {
	t := m.Text
	if m.Demonym || utf8.RuneCountInString(t) < MinFormRunes || t == strings.ToUpper(t) || t == strings.ToLower(t) {
		return "", false
	}
	return t, true
}

// FormCount is how often the mentions of one batch write a place one way.
type FormCount struct {
	PlaceID int64
	Form    string
	N       int
}

// CountForms counts the known forms of the articles' mentions, by place
// and then form, so that writers meet rows in one order. Mentions must
// carry their stored place ids.
func CountForms(arts []*Article, created []bool) []FormCount {
	type key struct {
		id   int64
		form string
	}
	n := map[key]int{}
	for i, a := range arts {
		if created != nil && !created[i] {
			continue
		}
		for j := range a.Mentions {
			if f, ok := KnownForm(&a.Mentions[j]); ok {
				n[key{a.Mentions[j].Place.ID, f}]++
			}
		}
	}
	out := make([]FormCount, 0, len(n))
	for k, c := range n {
		out = append(out, FormCount{PlaceID: k.id, Form: k.form, N: c})
	}
	slices.SortFunc(out, func(a, b FormCount) int {
		return cmp.Or(cmp.Compare(a.PlaceID, b.PlaceID), strings.Compare(a.Form, b.Form))
	})
	return out
}

// OwnName is the gazetteer's name of p: GazetteerName once a store has
// read it, else Name, which the gazetteer set.
func (p *Place) OwnName() string {
	if p.GazetteerName != "" {
		return p.GazetteerName
	}
	return p.Name
}
