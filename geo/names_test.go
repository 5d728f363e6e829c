package geo

import (
	"reflect"
	"testing"
)

func TestKnownForm(t *testing.T) {
	for _, c := range []struct {
		text    string
		demonym bool
		want    bool
	}{
		{"Misrata", false, true},
		{"Mişrātah", false, true},
		{"Libyan", true, false},   // a demonym names people
		{"TRIPOLI", false, false}, // a dateline
		{"tripoli", false, false}, // a slip
		{"Ky.", false, false},     // an abbreviation
		{"UAE", false, false},
		{"Gaza", false, true},
	} {
		got, ok := KnownForm(&Mention{Text: c.text, Demonym: c.demonym})
		if ok != c.want || ok && got != c.text {
			t.Errorf("KnownForm(%q, demonym %v) = %q, %v; want %v", c.text, c.demonym, got, ok, c.want)
		}
	}
}

func TestCountForms(t *testing.T) {
	m := func(id int64, text string) Mention { return Mention{Text: text, Place: Place{ID: id}} }
	arts := []*Article{
		{Mentions: []Mention{m(2, "Misrata"), m(1, "Paris"), m(2, "Misrata"), m(2, "MISRATA")}},
		{Mentions: []Mention{m(2, "Misurata")}}, // stored already: not counted
		{Mentions: []Mention{m(1, "Paris"), m(2, "Misurata")}},
	}
	got := CountForms(arts, []bool{true, false, true})
	want := []FormCount{{1, "Paris", 2}, {2, "Misrata", 2}, {2, "Misurata", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CountForms = %v, want %v", got, want)
	}
}
