package geo

import "testing"

func TestChooseFocus(t *testing.T) {
	var (
		us      = Place{Key: "US", Kind: KindCountry, Country: "US"}
		wv      = Place{Key: "US.WV", Kind: KindAdmin1, Country: "US", Admin1: "WV"}
		ohio    = Place{Key: "US.OH", Kind: KindAdmin1, Country: "US", Admin1: "OH"}
		charles = Place{Key: "4801859", Kind: KindCity, Country: "US", Admin1: "WV", Name: "Charleston"}
		dayton  = Place{Key: "4509884", Kind: KindCity, Country: "US", Admin1: "OH", Name: "Dayton"}
		sirte   = Place{Key: "2210060", Kind: KindCity, Country: "LY", Admin1: "62", Name: "Sirte"}
		france  = Place{Key: "FR", Kind: KindCountry, Country: "FR"}
		germany = Place{Key: "DE", Kind: KindCountry, Country: "DE"}
		italy   = Place{Key: "IT", Kind: KindCountry, Country: "IT"}
	)
	// at places each name in text after the last one.
	at := func(text string, names ...any) []Mention {
		var ms []Mention
		from := 0
		for i := 0; i < len(names); i += 2 {
			name, p := names[i].(string), names[i+1].(Place)
			j := from + indexOf(text[from:], name)
			ms = append(ms, Mention{Start: j, End: j + len(name), Text: name, Place: p})
			from = j + len(name)
		}
		return ms
	}
	tests := []struct {
		name, title, text string
		names             []any
		want              Focus
	}{
		{"dateline and its qualifier make the town", "", "CHARLESTON, W.Va. (AP) -- Volunteers met. West Virginia will pay.",
			[]any{"CHARLESTON", charles, "W.Va.", wv, "West Virginia", wv}, Focus{"US", "US.WV", "4801859"}},
		{"a state named often, a town once", "Ohioans wait for money", "Ohio has the money. Ohio waits. Ohio asks. A clerk in Dayton said so.",
			[]any{"Ohio", ohio, "Ohio", ohio, "Ohio", ohio, "Dayton", dayton}, Focus{"US", "US.OH", ""}},
		{"the title outweighs a passing mention", "Fighting in Sirte", "Fighting in Sirte went on. Sirte is quiet. The US said little.",
			[]any{"Sirte", sirte, "Sirte", sirte, "US", us}, Focus{"LY", "LY.62", "2210060"}},
		{"several countries, none leading", "", "France, Germany and Italy agreed. France and Germany and Italy signed.",
			[]any{"France", france, "Germany", germany, "Italy", italy, "France", france, "Germany", germany, "Italy", italy}, Focus{}},
		{"no mentions", "", "Nothing here.", nil, Focus{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := at(tt.text, tt.names...)
			if got := ChooseFocus(tt.title, tt.text, ms); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFocusHas(t *testing.T) {
	f := Focus{Country: "US", Admin1: "US.WV", City: "4801859"}
	for _, tt := range []struct {
		p    Place
		want bool
	}{
		{Place{Key: "US", Kind: KindCountry, Country: "US"}, true},
		{Place{Key: "US.WV", Kind: KindAdmin1, Country: "US", Admin1: "WV"}, true},
		{Place{Key: "US.OH", Kind: KindAdmin1, Country: "US", Admin1: "OH"}, false},
		{Place{Key: "4801859", Kind: KindCity, Country: "US", Admin1: "WV"}, true},
		{Place{Key: "4509884", Kind: KindCity, Country: "US", Admin1: "OH"}, false},
		{Place{Key: "LY", Kind: KindCountry, Country: "LY"}, false},
	} {
		if got := f.Has(tt.p); got != tt.want {
			t.Errorf("Has(%s) = %v, want %v", tt.p.Key, got, tt.want)
		}
	}
	if (Focus{}).Has(Place{Key: "US", Kind: KindCountry, Country: "US"}) {
		t.Error("an empty focus has a place")
	}
}

func TestDateline(t *testing.T) {
	for _, tt := range []struct {
		title, text, want string
	}{
		{"", "TORONTO — A young man sued.", "TORONTO"},
		{"", "HELENA, Mont. (AP) - Montana and a company", "HELENA, Mont. (AP"},
		{"", "SOUTH WAZIRISTAN, April 5 (APP):Chief of staff", "SOUTH WAZIRISTAN, April 5 (APP"},
		{"Cleanup planned", "Cleanup planned. CHARLESTON, W.Va. (AP) -- Volunteers", "CHARLESTON, W.Va. (AP"},
		{"", "The mayor of Tripoli - who spoke - said", ""},
		{"", "NATO said little.", ""},
	} {
		end := datelineEnd(tt.text, bodyStart(tt.title, tt.text))
		got := ""
		if end > 0 {
			got = tt.text[bodyStart(tt.title, tt.text):end]
		}
		if got != tt.want {
			t.Errorf("dateline of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// FuzzFocusText checks that the title, dateline and lead spans of any text
// stay inside it, and that a focus always nests.
func FuzzFocusText(f *testing.F) {
	f.Add("Cleanup planned", "Cleanup planned. CHARLESTON, W.Va. (AP) -- Volunteers met in Charleston.")
	f.Add("", "TORONTO — A man sued.")
	f.Add("é", "É\n\nÉTÉ — x")
	f.Fuzz(func(t *testing.T, title, text string) {
		start := bodyStart(title, text)
		end := datelineEnd(text, start)
		if start < 0 || start > len(text) || end < 0 || end > len(text) || end > 0 && end < start {
			t.Fatalf("body from %d, dateline to %d, in %d bytes", start, end, len(text))
		}
		if lead := leadEnd(text, start, end); lead < end || lead > len(text) {
			t.Fatalf("lead to %d, dateline to %d, in %d bytes", lead, end, len(text))
		}
		town := Place{Key: "1", Kind: KindCity, Country: "US", Admin1: "WV"}
		state := Place{Key: "US.WV", Kind: KindAdmin1, Country: "US", Admin1: "WV"}
		var ms []Mention
		for i, p := range []Place{town, state, town} {
			s := min(len(text), i*7)
			ms = append(ms, Mention{Start: s, End: min(len(text), s+5), Text: text[s:min(len(text), s+5)], Place: p})
		}
		fc := ChooseFocus(title, text, ms)
		if fc.City != "" && (fc.Country == "" || fc.Admin1 != "" && fc.Admin1 != "US.WV") || fc.Admin1 != "" && fc.Country == "" {
			t.Fatalf("focus does not nest: %+v", fc)
		}
	})
}

// BenchmarkChooseFocus: an article of 20 mentions of 8 places, the bench
// corpus's average.
func BenchmarkChooseFocus(b *testing.B) {
	places := []Place{
		{Key: "US", Name: "United States", Kind: KindCountry, Country: "US"},
		{Key: "US.WV", Name: "West Virginia", Kind: KindAdmin1, Country: "US", Admin1: "WV"},
		{Key: "US.OH", Name: "Ohio", Kind: KindAdmin1, Country: "US", Admin1: "OH"},
		{Key: "4801859", Name: "Charleston", Kind: KindCity, Country: "US", Admin1: "WV"},
		{Key: "4509884", Name: "Dayton", Kind: KindCity, Country: "US", Admin1: "OH"},
		{Key: "4508722", Name: "Cincinnati", Kind: KindCity, Country: "US", Admin1: "OH"},
		{Key: "2210060", Name: "Sirte", Kind: KindCity, Country: "LY", Admin1: "62"},
		{Key: "FR", Name: "France", Kind: KindCountry, Country: "FR"},
	}
	var text string
	var ms []Mention
	for i := range 20 {
		p := places[i*3%len(places)]
		text += "Officials met in "
		ms = append(ms, Mention{Start: len(text), End: len(text) + len(p.Name), Text: p.Name, Place: p})
		text += p.Name + " on Tuesday, and talks went on. "
	}
	for b.Loop() {
		ChooseFocus("Talks in Charleston", text, ms)
	}
}
