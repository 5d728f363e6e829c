package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// EarthRadiusKm is the mean Earth radius used for distances.
const EarthRadiusKm = 6371.0088

// DistanceKm is the great-circle distance between two lon/lat points.
func DistanceKm(a, b orb.Point) float64 {
	const rad = math.Pi / 180
	lat1, lat2 := a.Lat()*rad, b.Lat()*rad
	dlat := lat2 - lat1
	dlon := (b.Lon() - a.Lon()) * rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// SplitAntimeridian returns the bounds to query for b: b itself, or two
// bounds when b crosses the antimeridian (west edge greater than east edge,
// as RFC 7946 section 5.2 describes).
func SplitAntimeridian(b orb.Bound) []orb.Bound {
	if b.Min.X() <= b.Max.X() {
		return []orb.Bound{b}
	}
	return []orb.Bound{
		{Min: orb.Point{b.Min.X(), b.Min.Y()}, Max: orb.Point{180, b.Max.Y()}},
		{Min: orb.Point{-180, b.Min.Y()}, Max: orb.Point{b.Max.X(), b.Max.Y()}},
	}
}

// ValidBound reports whether b is a usable lon/lat bbox: finite, latitudes
// within ±90 and ordered, longitudes within ±180.
func ValidBound(b orb.Bound) bool {
	for _, v := range []float64{b.Min.X(), b.Min.Y(), b.Max.X(), b.Max.Y()} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return b.Min.Y() >= -90 && b.Max.Y() <= 90 && b.Min.Y() <= b.Max.Y() &&
		b.Min.X() >= -180 && b.Max.X() <= 180 && b.Min.X() >= -180 && b.Max.X() >= -180 &&
		b.Min.X() <= 180
}
