package gazetteer

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/paulmach/orb"

	"mentionmap/geo"
)

var (
	defOnce sync.Once
	defGaz  *Gazetteer
	defErr  error
)

// def loads the embedded gazetteer once for all tests.
func def(t testing.TB) *Gazetteer {
	defOnce.Do(func() { defGaz, defErr = Default() })
	if defErr != nil {
		t.Fatal(defErr)
	}
	return defGaz
}

// TestLoadSizesOnce: the embedded file's first line counts the keys, so
// the word index is allocated once (n records, room for 2n meanings) and
// neither slice grows while loading.
func TestLoadSizesOnce(t *testing.T) {
	g := def(t)
	recs, entries := cap(g.words.recs), cap(g.words.entries)
	if entries != 2*(recs-1) {
		t.Errorf("%d records and room for %d meanings: one of them grew", recs, entries)
	}
	if len(g.words.recs) < recs*99/100 {
		t.Errorf("%d records in room for %d: the file's count is off", len(g.words.recs), recs)
	}
	if want := slotsFor(recs - 1); len(g.words.slots) != want {
		t.Errorf("%d slots for %d keys, want %d: the slots grew", len(g.words.slots), recs-1, want)
	}
}

func TestDefaultGazetteer(t *testing.T) {
	g := def(t)
	tests := []struct {
		name, key, kind, country string
	}{
		{"Libya", "LY", geo.KindCountry, "LY"},
		{"Turkey", "TR", geo.KindCountry, "TR"},
		{"Middle East", "middle-east", geo.KindRegion, ""},
		{"Black Sea", "black-sea", geo.KindWater, ""},
		{"Texas", "US.TX", geo.KindAdmin1, "US"},
		{"Misrata", "2214846", geo.KindCity, "LY"},
		{"Mişrātah", "2214846", geo.KindCity, "LY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := lookup(g, tt.name)
			for _, p := range ps {
				if p.Key == tt.key {
					if p.Kind != tt.kind || p.Country != tt.country {
						t.Errorf("%s: kind %s country %s, want %s %s", tt.name, p.Kind, p.Country, tt.kind, tt.country)
					}
					return
				}
			}
			t.Errorf("Lookup(%q) has no place %s among %d", tt.name, tt.key, len(ps))
		})
	}
	if g.Len() < 200000 {
		t.Errorf("only %d places", g.Len())
	}
}

// compressors write a gazetteer file in each format Load reads.
var compressors = []struct {
	name string
	pack func(s string) []byte
}{
	{"zstd", func(s string) []byte {
		var b bytes.Buffer
		w, _ := zstd.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}},
	{"gzip", func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}},
}

func TestLoadRejectsBadFiles(t *testing.T) {
	if _, err := Load(bytes.NewReader([]byte("hello"))); geo.ErrorCode(err) != geo.EINVALID {
		t.Errorf("plain text: err = %v, want invalid", err)
	}
	for _, c := range compressors {
		tests := []struct {
			name string
			in   string
		}{
			{"empty", ""},
			{"unknown record", "X\tfoo\n"},
			{"short place", "P\t1\t2\n"},
			{"bad latitude", "P\t1\t1\tcity\tLY\t\tnorth\t13\t0\tPPL\tX\t\t\n"},
			{"unknown kind", "P\t1\t1\tvillage\tLY\t\t32\t13\t0\tPPL\tX\t\t\n"},
			{"geonameid out of range", "P\t1\t4294967296\tcity\tLY\t\t32\t13\t0\tPPL\tX\t\t\n"},
		}
		for _, tt := range tests {
			t.Run(c.name+"/"+tt.name, func(t *testing.T) {
				if _, err := Load(bytes.NewReader(c.pack(tt.in))); geo.ErrorCode(err) != geo.EINVALID {
					t.Errorf("err = %v, want invalid", err)
				}
			})
		}
	}
}

// TestBuildFromGeoNamesDumps builds a gazetteer from files in the layout
// of GeoNames' own downloads and checks the result resolves.
func TestBuildFromGeoNamesDumps(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	row := "\t\t\t\t\t\t\t\t\tAfrica/Tripoli\t2020-01-01\n"
	cities := write("cities1000.txt",
		"2210247\tTripoli\tTripoli\tTarabulus,Trablous\t32.88743\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t1150989"+row+
			"2214846\tMisratah\tMisratah\tMisrata\t32.37535\t15.09254\tP\tPPLA\tLY\t\t58\t\t\t\t386120"+row+
			"9999999\tSomewhere\tSomewhere\t\t30\t20\tH\tSTM\tLY\t\t58\t\t\t\t0"+row)
	admin1 := write("admin1CodesASCII.txt", "LY.77\tTripoli\tTripoli\t2210245\nLY.58\tMisratah\tMisratah\t2214845\n")
	countries := write("countryInfo.txt", "#ISO\n"+
		"LY\tLBY\t434\tLY\tLibya\tTripoli\t1759540\t6461454\tAF\t.ly\tLYD\tDinar\t218\t\t\tar-LY,it,en\t2215636\tTN,DZ\t\n")
	words := write("words", "tripoli\nmisratah\napple\n")
	var out bytes.Buffer
	st, err := Build(Sources{Cities: []string{cities}, Admin1: admin1, Countries: countries, Words: words, AltMinPopulation: 1000}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Cities != 2 || st.Admin1 != 2 || st.Countries != 1 || st.Words != 3 {
		t.Errorf("stats = %+v", st)
	}
	g, err := Load(&out)
	if err != nil {
		t.Fatal(err)
	}
	ms := NewParser(g).Parse("Fighting in Misrata spread to Tarabulus, the capital of Libya.")
	want := []string{"2214846", "2210247", "LY"}
	if len(ms) != len(want) {
		t.Fatalf("mentions = %+v", ms)
	}
	for i, m := range ms {
		if m.Place.Key != want[i] {
			t.Errorf("mention %d (%s) = %s, want %s", i, m.Text, m.Place.Key, want[i])
		}
	}
	if ly, ok := g.Country("LY"); !ok || ly.GeonameID != 2215636 {
		t.Errorf("country LY = %+v", ly)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		g, err := Load(bytes.NewReader(embedded))
		if err != nil {
			b.Fatal(err)
		}
		runtime.KeepAlive(g)
	}
}

// TestLoadWithoutCounties loads a file from before the admin2 column:
// towns then have no county, and everything else works.
func TestLoadWithoutCounties(t *testing.T) {
	for _, c := range compressors {
		t.Run(c.name, func(t *testing.T) {
			g, err := Load(bytes.NewReader(c.pack("P\tLY\t2215636\tcountry\tLY\t\t27.00000\t17.00000\t6461454\t\tLibya\t\tlibyan\n" +
				"P\t2210247\t2210247\tcity\tLY\t77\t32.88743\t13.18733\t1150989\tPPLC\tTripoli\t\t\n")))
			if err != nil {
				t.Fatal(err)
			}
			if g.Len() != 2 || g.facts[1].county != -1 {
				t.Fatalf("places %d, county of Tripoli %d", g.Len(), g.facts[1].county)
			}
			want := geo.Place{Key: "2210247", GeonameID: 2210247, Name: "Tripoli", Kind: geo.KindCity, Country: "LY", Admin1: "77",
				Population: 1150989, Point: orb.Point{13.18733, 32.88743}}
			if got := g.At(1); !reflect.DeepEqual(got, want) {
				t.Errorf("At(1) = %+v, want %+v", got, want)
			}
			if ms := NewParser(g).Parse("Libyan forces entered Tripoli."); len(ms) != 2 || ms[1].Place.Key != "2210247" {
				t.Errorf("mentions = %+v", ms)
			}
		})
	}
}

// lookup returns the places a name may refer to, best prior first.
func lookup(g *Gazetteer, name string) []geo.Place {
	var out []geo.Place
	for _, e := range g.words.get(Key(name)).entries {
		if e.place >= 0 {
			out = append(out, g.placeAt(e.place))
		}
	}
	return out
}

func TestFindPlaces(t *testing.T) {
	g := def(t)
	tests := []struct {
		name, q, country, kind string
		first                  string // the key of the first place found
		all                    func(p geo.Place) bool
	}{
		{"a prefix in a country", "Tripo", "LY", "", "2210247", func(p geo.Place) bool { return p.Country == "LY" }},
		{"accents and case fold", "MISRĀ", "LY", geo.KindCity, "2214846", nil},
		{"an exact name first", "mexico", "", "", "MX", nil},
		{"a kind", "tex", "US", geo.KindAdmin1, "US.TX", func(p geo.Place) bool { return p.Kind == geo.KindAdmin1 }},
		{"an alternate name", "Kiev", "", "", "703448", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := g.FindPlaces(tt.q, tt.country, tt.kind, 10)
			if len(ps) == 0 || ps[0].Key != tt.first {
				t.Fatalf("found %v, want %s first", ps, tt.first)
			}
			for _, p := range ps {
				if tt.all != nil && !tt.all(p) {
					t.Errorf("%s (%s, %s) does not match the filters", p.Name, p.Kind, p.Country)
				}
			}
			if len(ps) > 10 {
				t.Errorf("%d places past the limit", len(ps))
			}
		})
	}
	if ps := g.FindPlaces("zzzzqx", "", "", 10); len(ps) != 0 {
		t.Errorf("found %v for nonsense", ps)
	}
}
