package gazetteer

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// found is what a test expects of one mention: its surface text and the
// place it resolves to ("LY", "US.TX", or "Tripoli/LY" for a city).
type found struct{ text, place string }

func placeID(m found, text, key, name, country string) bool {
	if strings.Contains(m.place, "/") {
		return m.place == name+"/"+country
	}
	return m.place == key
}

func TestParseHardCases(t *testing.T) {
	g := NewParser(def(t))
	tests := []struct {
		name   string
		text   string
		want   []found
		reject []string // surface texts that must not be mentions
	}{
		{"alternate spellings", "Fighters moved from Misrata to Derna, then to Mişrātah and Darnah.",
			[]found{{"Misrata", "2214846"}, {"Derna", "Darnah/LY"}, {"Mişrātah", "2214846"}, {"Darnah", "Darnah/LY"}}, nil},
		{"multiword names", "Flights from Rio de Janeiro to Port Said were cancelled.",
			[]found{{"Rio de Janeiro", "Rio de Janeiro/BR"}, {"Port Said", "Port Said/EG"}}, nil},
		{"diacritics", "Protests spread from Médenine to Tunis in Tunisia.",
			[]found{{"Médenine", "Medenine/TN"}, {"Tunis", "Tunis/TN"}, {"Tunisia", "TN"}}, nil},
		{"hyphens and possessives", "Benghazi-based commanders and Turkey-backed forces met at Jordan's border.",
			[]found{{"Benghazi", "Benghazi/LY"}, {"Turkey", "TR"}, {"Jordan", "JO"}}, nil},
		{"dateline", "PARIS, Texas — The city council met on Monday.",
			[]found{{"PARIS", "Paris/US"}, {"Texas", "US.TX"}}, nil},
		{"a dateline names a town", "NEW YORK (AP) — Lawmakers in Albany met on Monday.",
			[]found{{"NEW YORK", "New York City/US"}, {"Albany", "Albany/US"}}, nil},
		{"a state in a sentence", "Lawmakers in New York and New Jersey met on Monday.",
			[]found{{"New York", "US.NY"}, {"New Jersey", "US.NJ"}}, nil},
		{"divisions listed together", "Police forces in England and Wales, and the governors of Texas, Arizona and New Mexico, met miners from Mpumalanga and Limpopo.",
			[]found{{"England", "GB.ENG"}, {"Wales", "GB.WLS"}, {"Texas", "US.TX"}, {"Arizona", "US.AZ"}, {"New Mexico", "US.NM"},
				{"Mpumalanga", "ZA.07"}, {"Limpopo", "ZA.09"}}, nil},
		{"a place before a verb of speech", "Elders in Kisumu said the rains had failed.",
			[]found{{"Kisumu", "Kisumu/KE"}}, nil},
		{"province abbreviations qualify towns", "Officials in Regina, Sask., met colleagues from Sydney, NSW, and Victoria, B.C.",
			[]found{{"Regina", "Regina/CA"}, {"Sask.", "CA.11"}, {"Sydney", "Sydney/AU"}, {"NSW", "AU.02"}, {"Victoria", "Victoria/CA"}, {"B.C.", "CA.02"}}, nil},
		{"apostrophes inside names", "Aid reached Mek'ele and N'Djamena on Tuesday.",
			[]found{{"Mek'ele", "Mek'ele/ET"}, {"N'Djamena", "N'Djamena/TD"}}, nil},
		{"a country's role after a person of its name", "Michael Jordan spoke. Later, Jordan's King Abdullah met officials in Amman.",
			[]found{{"Jordan", "JO"}, {"Amman", "Amman/JO"}}, []string{"Michael"}},
		{"division designators", "Gunmen attacked Kebbi State and the state of Zamfara, and Helmand Province.",
			[]found{{"Kebbi State", "NG.40"}, {"Zamfara", "NG.57"}, {"Helmand Province", "AF.10"}}, nil},
		{"a list that a plural designator closes", "Flooding hit Becker, Clay and Otter Tail counties in Minnesota. Gunmen raided Kano and Kaduna states.",
			[]found{{"Becker", "US.MN.005"}, {"Clay", "US.MN.027"}, {"Otter Tail", "US.MN.111"}, {"Minnesota", "US.MN"}, {"Kano", "NG.29"}, {"Kaduna", "NG.23"}}, nil},
		{"a list after a state", "In Texas, Eastland and Callahan counties were hit.",
			[]found{{"Texas", "US.TX"}, {"Eastland", "US.TX.133"}, {"Callahan", "US.TX.059"}}, nil},
		{"a plural designator without a list", "The Gulf states sent aid, and the Clay counties report followed.",
			nil, []string{"Gulf", "Clay"}},
		{"a state by its designator", "Washington state passed a law.", []found{{"Washington", "US.WA"}}, nil},
		{"a province by its premier", "Quebec's premier spoke in Montreal.", []found{{"Quebec", "CA.10"}, {"Montreal", "Montréal/CA"}}, nil},
		{"one name, two senses by their own context", "The Georgia governor spoke in Atlanta. Georgia's president visited Tbilisi.",
			[]found{{"Georgia", "US.GA"}, {"Atlanta", "Atlanta/US"}, {"Georgia", "GE"}, {"Tbilisi", "Tbilisi/GE"}}, nil},
		{"bodies, diseases and currencies named after places", "Students at Michigan State University read the Fresno Ledger, paid in US$ and feared West Nile virus.",
			nil, []string{"Michigan", "Fresno", "US", "Nile", "West Nile"}},
		{"a university team is not a designator", "Mississippi State beat Louisville.",
			[]found{{"Mississippi", "US.MS"}, {"Louisville", "Louisville/US"}}, []string{"Mississippi State"}},
		{"a dateline does not move a qualified place", "LEXINGTON, Ky. — The mayor flew to Paris, France, for talks.",
			[]found{{"LEXINGTON", "Lexington/US"}, {"Ky.", "US.KY"}, {"Paris", "Paris/FR"}, {"France", "FR"}}, nil},
		{"a country's name means the country", "Mexican farmers said Mexico would sell more, and Mexico's exports rose in Mexico.",
			[]found{{"Mexican", "MX"}, {"Mexico", "MX"}, {"Mexico", "MX"}, {"Mexico", "MX"}}, nil},
		{"airports by name, short name and code", "Flights from Heathrow to Tripoli International Airport were cancelled, and JFK airport closed.",
			[]found{{"Heathrow", "airport:LHR"}, {"Tripoli International Airport", "airport:TIP"}, {"JFK", "airport:JFK"}}, nil},
		{"an airport code needs the word airport", "The BEN team and the JFK files.", nil, []string{"BEN", "JFK"}},
		{"abbreviations", "Officials from the U.S., the UK, the UAE and the DRC met in the US capital.",
			[]found{{"U.S.", "US"}, {"UK", "GB"}, {"UAE", "AE"}, {"DRC", "CD"}, {"US", "US"}}, nil},
		{"qualifier", "She grew up in Alexandria, Virginia, and later moved to Alexandria, La.",
			[]found{{"Alexandria", "Alexandria/US"}, {"Virginia", "US.VA"}, {"Alexandria", "Alexandria/US"}, {"La.", "US.LA"}}, nil},
		{"state abbreviations of qualified towns", "Sales rose in Austin, TX and Louisville, Ky. and fell in Sirte, Ill. markets.",
			[]found{{"Austin", "Austin/US"}, {"TX", "US.TX"}, {"Louisville", "Louisville/US"}, {"Ky.", "US.KY"}, {"Sirte", "Sirte/LY"}},
			[]string{"Ill."}},
		{"bodies and units that share a place's name", "The City Council met in Moscow while a SWAT team waited and the State Duma voted.",
			[]found{{"Moscow", "Moscow/RU"}}, []string{"The City", "SWAT", "Duma", "State Duma"}},
		{"climate patterns", "El Niño and La Niña hit Peru; La Nina faded.", []found{{"Peru", "PE"}}, []string{"El Niño", "Niña", "Nina"}},
		{"old names of small towns", "Fans of Haydn and Chopin met on Friday. Flights to Kiev and to Douma in Syria resumed.",
			[]found{{"Kiev", "Kyiv/UA"}, {"Douma", "Dūmā/SY"}, {"Syria", "SY"}}, []string{"Haydn", "Chopin"}},
		{"a city's council", "Dublin City Council members met in Dublin, Ohio, and then flew on to Kansas City.",
			[]found{{"Dublin", "Dublin/US"}, {"Dublin", "Dublin/US"}, {"Ohio", "US.OH"}, {"Kansas City", "Kansas City/US"}}, []string{"Dublin City", "Kansas"}},
		{"a common word that opens a sentence and names a body", "Reading Borough Council approved a site near Wokingham and Bracknell.",
			[]found{{"Reading", "Reading/GB"}, {"Wokingham", "Wokingham/GB"}, {"Bracknell", "Bracknell/GB"}}, nil},
		{"a common word that opens a sentence", "Reading the report near Wokingham and Bracknell, he frowned.",
			[]found{{"Wokingham", "Wokingham/GB"}, {"Bracknell", "Bracknell/GB"}}, []string{"Reading"}},
		{"a middle name that is a town", "Police arrested Jason Terrell Jones, 23, in Tulsa. Jones fled on foot.",
			[]found{{"Tulsa", "Tulsa/US"}}, []string{"Terrell", "Jones"}},
		{"a state abbreviation that is also a town's name", "Police in Kansas City, Kan., said so.",
			[]found{{"Kansas City", "Kansas City/US"}, {"Kan.", "US.KS"}}, []string{"Kan"}},
		{"title word ending a sentence", "It failed to register with the Ministry of Justice. Azerbaijan has a record. Gen. Selva spoke.",
			[]found{{"Azerbaijan", "AZ"}}, []string{"Selva"}},
		{"town and county", "The burn ban for Walker County was lifted after the Huntsville fire chief met the county judge.",
			[]found{{"Walker County", "US.TX.471"}, {"Huntsville", "4699540"}}, nil},
		{"most of an article's towns lie in one state", "Teams from Longview, Tyler, Nacogdoches and Lufkin met in Greenville; one coach had moved there from Michigan.",
			[]found{{"Longview", "Longview/US"}, {"Tyler", "Tyler/US"}, {"Nacogdoches", "Nacogdoches/US"}, {"Lufkin", "Lufkin/US"},
				{"Greenville", "4695066"}, {"Michigan", "US.MI"}}, nil},
		{"county and town", "Paris police and the Henry County sheriff searched the lake.",
			[]found{{"Paris", "4647963"}, {"Henry County", "US.TN.079"}}, nil},
		{"demonyms", "Libyan forces and Syrian fighters clashed with Russian mercenaries.",
			[]found{{"Libyan", "LY"}, {"Syrian", "SY"}, {"Russian", "RU"}}, nil},
		{"Tripoli in Lebanon", "Clashes broke out in Tripoli, in northern Lebanon, near the border with Syria. Lebanese troops deployed in Tripoli.",
			[]found{{"Tripoli", "Tripoli/LB"}, {"Lebanon", "LB"}, {"Syria", "SY"}, {"Lebanese", "LB"}, {"Tripoli", "Tripoli/LB"}}, nil},
		{"Tripoli in Libya", "Militias fought in Tripoli as the government in Libya appealed for calm.",
			[]found{{"Tripoli", "Tripoli/LY"}, {"Libya", "LY"}}, nil},
		{"people", "General Paul Selva spoke. Selva said Michael Jordan and Victoria Beckham had nothing to do with it.",
			nil, []string{"Selva", "Jordan", "Victoria"}},
		{"organisations", "Al-Monitor and Reuters reported that NATO and the Islamic State were involved.",
			nil, []string{"Monitor", "Al", "Reuters", "NATO", "Islamic State"}},
		{"common words", "Reading the report in March, she put down her mobile phones.",
			nil, []string{"Reading", "March", "mobile"}},
		{"regions and seas", "Migrants crossed the Mediterranean from the Sahel to Europe and the Middle East.",
			[]found{{"Mediterranean", "mediterranean"}, {"Sahel", "sahel"}, {"Europe", "europe"}, {"Middle East", "middle-east"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := g.Parse(tt.text)
			var got []string
			for _, m := range ms {
				got = append(got, fmt.Sprintf("%s→%s(%s/%s)", m.Text, m.Place.Key, m.Place.Name, m.Place.Country))
				for _, r := range tt.reject {
					if m.Text == r {
						t.Errorf("%q was mapped to %s; it is not a place here", r, m.Place.Name)
					}
				}
			}
			if tt.want == nil {
				return
			}
			if len(ms) != len(tt.want) {
				t.Fatalf("got %d mentions %v, want %d", len(ms), got, len(tt.want))
			}
			for i, w := range tt.want {
				m := ms[i]
				if m.Text != w.text || !placeID(w, m.Text, m.Place.Key, m.Place.Name, m.Place.Country) {
					t.Errorf("mention %d = %s, want %s→%s", i, got[i], w.text, w.place)
				}
			}
		})
	}
}

// TestParseSample checks the sample article against DEVELOPERS.md, and
// its full output against a golden file (go test -update to refresh).
func TestParseSample(t *testing.T) {
	g := NewParser(def(t))
	b, err := os.ReadFile("../cmd/mentionmap/demo/libya-isis-resurgence.txt")
	if err != nil {
		t.Fatal(err)
	}
	ms := g.Parse(string(b))
	places := map[string]string{}
	for _, m := range ms {
		places[m.Place.Name+"/"+m.Place.Country] = m.Text
	}
	for _, want := range []string{"Libya/LY", "Tripoli/LY", "Benghazi/LY", "Sirte/LY", "Türkiye/TR", "Russia/RU",
		"Jordan/JO", "Belgium/BE", "Syria/SY", "Europe/", "United States/US"} {
		if _, ok := places[want]; !ok {
			t.Errorf("sample: %s not found", want)
		}
	}
	if len(places) != 11 {
		t.Errorf("sample maps %d places, want exactly the 11 listed: %v", len(places), places)
	}
	var lines []string
	for _, m := range ms {
		lines = append(lines, fmt.Sprintf("%d-%d %q %s %s %s/%s %.2f demonym=%v",
			m.Start, m.End, m.Text, m.Place.Key, m.Place.Kind, m.Place.Name, m.Place.Country, m.Confidence, m.Demonym))
	}
	golden(t, "sample.golden", strings.Join(lines, "\n")+"\n")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update to accept):\n%s", path, got)
	}
}

// FuzzParse checks the invariants of any parse: no panic, offsets in
// order and within the text, surface text equal to the slice.
func FuzzParse(f *testing.F) {
	g := NewParser(def(f))
	for _, s := range []string{"PARIS, Texas —", "U.S.-backed Benghazi-based", "Mişrātah’s", "Al-\xffMonitor", "", "A, B, C"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, m := range g.Parse(text) {
			if m.Start < prev || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("bad offsets %d-%d after %d in %q", m.Start, m.End, prev, text)
			}
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("text[%d:%d] = %q, mention says %q", m.Start, m.End, text[m.Start:m.End], m.Text)
			}
			if m.Confidence < 0 || m.Confidence > 1 {
				t.Fatalf("confidence %v", m.Confidence)
			}
			if utf8.ValidString(text) && !utf8.ValidString(m.Sentence) {
				t.Fatalf("sentence is not UTF-8: %q", m.Sentence)
			}
			prev = m.End
		}
	})
}

// BenchmarkParse measures geoparse throughput (MB/s) the way the service
// uses it: one article per call, over the demo articles and the sample.
func BenchmarkParse(b *testing.B) {
	benchmarkParse(b, func(g *Parser, i int, text string) { g.Parse(text) })
}

// BenchmarkParseFrom parses as ingest does, as articles of 20 sources
// whose localities are learnt along the way.
func BenchmarkParseFrom(b *testing.B) {
	sources := make([]string, 20)
	for i := range sources {
		sources[i] = fmt.Sprintf("source%d.example", i)
	}
	benchmarkParse(b, func(g *Parser, i int, text string) { g.ParseFrom(sources[i%len(sources)], text) })
}

func benchmarkParse(b *testing.B, parse func(g *Parser, i int, text string)) {
	g := NewParser(def(b))
	texts := demoTexts(b)
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	k := 0
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			parse(g, k, t)
			k++
		}
	}
}

// demoTexts is the Libya sample and the texts of the demo articles.
func demoTexts(tb testing.TB) []string {
	sample, err := os.ReadFile("../cmd/mentionmap/demo/libya-isis-resurgence.txt")
	if err != nil {
		tb.Fatal(err)
	}
	texts := []string{string(sample)}
	demo, err := os.ReadFile("../cmd/mentionmap/demo/articles.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(demo), "\n") {
		var a struct{ Text string }
		if json.Unmarshal([]byte(line), &a) == nil && a.Text != "" {
			texts = append(texts, a.Text)
		}
	}
	return texts
}
