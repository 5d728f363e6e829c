package gazetteer

import (
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

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

func countryRecords(rows []countryRow, cities []cityRow, ne *naturalEarth) []record {
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
		if sh := ne.country[c.code]; sh != nil {
			r.Point, r.BBox = countryPoint(r.Point, sh), sh.bounds.extent(0)
		} else if m := cents[c.code]; m != nil {
			r.BBox = m.bounds.extent(townsPad)
		}
		r.BBox = withPoint(r.BBox, r.Point)
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
	return out
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
