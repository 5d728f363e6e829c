package gazetteer

import (
	"testing"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

func TestSpanExtent(t *testing.T) {
	tests := []struct {
		name   string
		points []orb.Point
		pad    float64
		want   geo.BBox
	}{
		{"plain", []orb.Point{{10, 20}, {12, 25}}, 0, geo.BBox{10, 20, 12, 25}},
		{"padded", []orb.Point{{10, 20}, {12, 25}}, 0.5, geo.BBox{9.5, 19.5, 12.5, 25.5}},
		{"across the antimeridian", []orb.Point{{172, 52}, {-130, 70}, {-160, 60}}, 0, geo.BBox{172, 52, -130, 70}},
		{"padded past 180", []orb.Point{{179.9, -17}, {179.8, -16}}, 0.5, geo.BBox{179.3, -17.5, -179.6, -15.5}},
		{"poles clamp", []orb.Point{{0, 89.9}, {1, -89.9}}, 1, geo.BBox{-1, -90, 2, 90}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newLonLatSpan()
			for _, p := range tt.points {
				s.add(p)
			}
			got := s.extent(tt.pad)
			if got == nil || *got != tt.want {
				t.Fatalf("extent = %v, want %v", got, tt.want)
			}
			for _, p := range tt.points {
				if !got.Contains(p) {
					t.Errorf("%v does not contain %v", got, p)
				}
			}
		})
	}
	if s := newLonLatSpan(); s.extent(0) != nil {
		t.Error("an empty span has an extent")
	}
}

func TestPlaceByShape(t *testing.T) {
	shape := func(label orb.Point, corners ...orb.Point) *areaShape {
		a := &areaShape{bounds: newLonLatSpan(), latSum: label.Lat(), lonSum: label.Lon(), weight: 1, points: 1}
		for _, c := range corners {
			a.bounds.add(c)
		}
		return a
	}
	towns := &centroid{towns: []orb.Point{{-104.6, 50.45}, {-106.67, 52.13}, {-105.5, 53.2}}}
	tests := []struct {
		name      string
		shape     *areaShape
		wantPoint orb.Point // the towns' mean when the shape is refused
		labelled  bool
	}{
		{"shape holds the towns", shape(orb.Point{-105.68, 54.5}, orb.Point{-110, 49}, orb.Point{-101.4, 60}), orb.Point{-105.68, 54.5}, true},
		{"shape elsewhere", shape(orb.Point{2, 48}, orb.Point{1, 47}, orb.Point{3, 49}), orb.Point{-105, 51}, false},
		{"no shape", nil, orb.Point{-105, 51}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := record{}
			r.Point = orb.Point{-105, 51}
			var st BuildStats
			placeByShape(&r, towns, tt.shape, &st)
			if r.Point != tt.wantPoint || (st.Labelled == 1) != tt.labelled || (r.BBox != nil) != tt.labelled {
				t.Errorf("point %v bbox %v stats %+v; want point %v, labelled %v", r.Point, r.BBox, st, tt.wantPoint, tt.labelled)
			}
		})
	}
}

// TestAreasContainTheirPoints checks the embedded gazetteer: every area
// has an extent that holds its point, and towns have none.
func TestAreasContainTheirPoints(t *testing.T) {
	g := def(t)
	areas := 0
	for i := range g.Len() {
		p := g.At(i)
		b := g.PlaceBBox(p.Key)
		switch p.Kind {
		case geo.KindCity:
			if b != nil {
				t.Fatalf("town %s has an extent", p.Key)
			}
		case geo.KindCountry, geo.KindAdmin1, geo.KindAdmin2:
			areas++
			if b == nil {
				t.Errorf("%s %s has no extent", p.Kind, p.Key)
			} else if !b.Contains(p.Point) {
				t.Errorf("%s %s at %v lies outside its extent %v", p.Kind, p.Key, p.Point, *b)
			}
		}
	}
	if areas < 25_000 {
		t.Errorf("%d areas; the embedded gazetteer has over 29,000", areas)
	}
}
