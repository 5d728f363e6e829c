package gazetteer

import (
	"math"

	"mentionmap/geo"
)

// facts is what resolution reads of a place, kept small and free of
// strings so that the hot loops neither copy a geo.Place nor hash a code.
type facts struct {
	country int32 // area of the place's country, or -1
	admin1  int32 // area of its first-level division, or -1
	county  int32 // the place of its second-level division, or -1
	pop     uint32
	kind    kind
	rank    uint8 // rankCapital, rankSeat or rankOther
}

// word is what the gazetteer knows of a name key or a single folded word.
type word struct {
	entries []entry // meanings of the key as a whole name, best prior first
	lengths uint16  // bit n-1 set when a name of n tokens starts with this word
	common  bool    // an ordinary English word (lower case in a dictionary)
}

// kind is geo.Place.Kind as a small integer.
type kind uint8

const (
	kindCity kind = iota
	kindCountry
	kindAdmin1
	kindAdmin2
	kindRegion
	kindWater
	kindAirport
)

// kindNames are geo.Place.Kind by kind, and kinds the reverse.
var kindNames = [...]string{kindCity: geo.KindCity, kindCountry: geo.KindCountry, kindAdmin1: geo.KindAdmin1,
	kindAdmin2: geo.KindAdmin2, kindRegion: geo.KindRegion, kindWater: geo.KindWater, kindAirport: geo.KindAirport}

var kinds = func() map[string]kind {
	m := make(map[string]kind, len(kindNames))
	for k, name := range kindNames {
		m[name] = kind(k)
	}
	return m
}()

// Areas are countries ("LY") and first-level divisions ("US.TX"), numbered
// as the gazetteer loads; evidence is kept per area number.

// area returns the number of an area code, numbering new codes; "" is -1.
func (l *loader) area(code string) int32 {
	if code == "" {
		return -1
	}
	if a, ok := l.areas[code]; ok {
		return a
	}
	a := int32(len(l.areas))
	l.areas[code] = a
	return a
}

// factsOf derives the facts of record r, place i.
func (l *loader) factsOf(r record, i int32) facts {
	f := facts{country: l.area(r.Country), admin1: -1, county: l.countyOf(r, i), kind: kinds[r.Kind], rank: featureRank(r.FCode),
		pop: uint32(min(max(r.Population, 0), math.MaxUint32))}
	if r.Admin1 != "" {
		f.admin1 = l.admin1Area(r.Country, r.Admin1)
	}
	return f
}

// admin1Area is area("CC.A1") for country cc and division a1, without
// building the code for the places of divisions already seen: most of the
// file.
func (l *loader) admin1Area(cc, a1 string) int32 {
	var buf [32]byte
	code := append(append(append(buf[:0], cc...), '.'), a1...)
	if a, ok := l.areas[string(code)]; ok {
		return a
	}
	return l.area(string(code))
}

// areaOf returns the area a qualifier names, preferring a first-level
// division ("Georgia", the US state) over a country or town of the same
// name; -1 when it names none.
func (g *Gazetteer) areaOf(es []entry) int32 {
	for _, e := range es {
		if e.place >= 0 && g.facts[e.place].kind == kindAdmin1 {
			return g.facts[e.place].admin1
		}
	}
	for _, e := range es {
		if e.place >= 0 && g.facts[e.place].kind == kindCountry {
			return g.facts[e.place].country
		}
	}
	return -1
}

// within reports whether place i lies in area a.
func (g *Gazetteer) within(i, a int32) bool {
	f := &g.facts[i]
	return f.kind != kindCountry && (f.country == a || f.admin1 == a)
}
