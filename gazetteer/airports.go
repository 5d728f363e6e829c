package gazetteer

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// Airports come from the airports package (OpenFlights-derived, MIT): the
// medium and large airports in service, named as the package names them
// ("London Heathrow Airport") and by the short names the news uses
// ("Heathrow", "Heathrow Airport", "Schiphol"). An IATA code ("LHR") is
// kept as well, and matches only beside the word "airport" (see keep).

type airportRow struct {
	IATA    string `json:"iata"`
	Name    string `json:"name"`
	Country string `json:"iso"`
	Lat     string `json:"lat"`
	Lon     string `json:"lon"`
	Type    string `json:"type"`
	Size    string `json:"size"`
	Status  int    `json:"status"`
}

// airportSizes stand in for a population, for the prior: a large airport
// weighs as a city of a million, a medium one as a town of 100,000.
var airportSizes = map[string]int64{"large": 1_000_000, "medium": 100_000}

// airportSuffixes end airport names; what is left is the name the news
// shortens it to.
var airportSuffixes = []string{" international airport", " intl airport", " regional airport", " airport",
	" air base", " airfield"}

func readAirports(path string) ([]airportRow, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows []airportRow
	if err := json.Unmarshal(b, &rows); err != nil {
		return nil, geo.Errorf(geo.EINVALID, "gazetteer build: %s: %v", path, err)
	}
	return rows, nil
}

// airportRecords makes the airports' records. names holds the keys of the
// other places with their largest population, so that a short name never
// takes a town of any size or an area from the news ("Vancouver", "Tripoli").
func airportRecords(rows []airportRow, names map[string]int64, cityNames, common map[string]bool) []record {
	var out []record
	for _, a := range rows {
		pop, ok := airportSizes[a.Size]
		lat, errLat := strconv.ParseFloat(a.Lat, 64)
		lon, errLon := strconv.ParseFloat(a.Lon, 64)
		if !ok || a.Status != 1 || a.Type != "airport" || a.Name == "" || len(a.IATA) != 3 || errLat != nil || errLon != nil {
			continue
		}
		r := record{FCode: "AIRP"}
		r.Key, r.Name, r.Kind, r.Country, r.Population = "airport:"+a.IATA, a.Name, geo.KindAirport, a.Country, pop
		r.Point = orb.Point{lon, lat}
		for _, short := range shortAirportNames(a.Name, cityNames) {
			k := Key(short)
			if !common[k] && !divisionWords[k] {
				r.Alts = append(r.Alts, short+" Airport") // "Tripoli Airport", "Heathrow Airport"
			}
			if bareAirportName(k, a.Size, names, common) {
				r.Alts = append(r.Alts, short) // "Heathrow"
			}
		}
		r.Alts = append(r.Alts, "="+a.IATA)
		out = append(out, r)
	}
	return out
}

// bareAirportName reports whether a large airport's short name may stand
// alone: one word that is no ordinary word, given name or other place of
// note ("Heathrow", "Schiphol", "Dulles"; not "Capital", "Logan" or
// "Tripoli"). Longer short names are mostly people's ("Benazir Bhutto").
func bareAirportName(k, size string, names map[string]int64, common map[string]bool) bool {
	if size != "large" || len(k) < 5 || strings.IndexByte(k, ' ') >= 0 || common[k] || givenNames[k] {
		return false
	}
	other, taken := names[k]
	return !taken || other >= 0 && other < altTownPopulation
}

// shortAirportNames shortens "London Heathrow Airport" to "London
// Heathrow" and "Heathrow", and "Amsterdam Airport Schiphol" to
// "Schiphol": without the word "airport", and without a leading city name.
func shortAirportNames(name string, cityNames map[string]bool) []string {
	base := name
	lower := strings.ToLower(name)
	for _, suf := range airportSuffixes {
		if strings.HasSuffix(lower, suf) {
			base = name[:len(name)-len(suf)]
			break
		}
	}
	if i := strings.Index(strings.ToLower(base), " airport "); i >= 0 {
		base = base[:i] + base[i+len(" airport"):]
	}
	base = strings.TrimSpace(strings.Trim(base, "/- "))
	var out []string
	if base != name && len(base) >= 4 {
		out = append(out, base)
	}
	words := strings.Fields(base)
	for n := 1; n < len(words); n++ {
		if !cityNames[Key(strings.Join(words[:n], " "))] {
			continue
		}
		if rest := strings.Trim(strings.Join(words[n:], " "), "/- "); len(rest) >= 4 {
			out = append(out, rest)
		}
		break
	}
	return out
}
