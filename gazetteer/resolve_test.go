package gazetteer

import (
	"math"
	"sort"
	"testing"
)

// TestEvidenceAnchorsSorted guards the binary search in nearestKm: gather
// must leave the anchors sorted by latitude.
func TestEvidenceAnchorsSorted(t *testing.T) {
	g := def(t)
	d := newDoc("From Tromsø to Kraków, then Nairobi, Médenine, Ushuaia and Reykjavík.")
	defer d.release()
	spans := g.spot(d)
	for i := range spans {
		spans[i].place = spans[i].entries[0].place
	}
	d.ev.start(len(g.areas), d.numberNames(spans))
	g.gather(&d.ev, spans)
	if len(d.ev.anchors) < 4 {
		t.Fatalf("only %d anchors", len(d.ev.anchors))
	}
	if !sort.SliceIsSorted(d.ev.anchors, func(i, j int) bool { return d.ev.anchors[i].lat < d.ev.anchors[j].lat }) {
		t.Errorf("anchors not sorted by latitude: %+v", d.ev.anchors)
	}
}

func TestNearestKm(t *testing.T) {
	anchors := []anchor{{name: 0, lat: -10, lon: 0}, {name: 1, lat: 51.5, lon: -0.12}, {name: 2, lat: 52.2, lon: 0.12}}
	tests := []struct {
		name     int32
		lat, lon float64
		want     float64
	}{
		{9, 51.75, -1.26, 82},          // Oxford: London is nearest
		{1, 51.5, -0.12, 79},           // London's own anchor is skipped: Cambridge
		{9, 0, 0, math.Inf(1)},         // nothing within range
		{9, -10.5, 179.9, math.Inf(1)}, // far in longitude
	}
	for _, tt := range tests {
		got := nearestKm(anchors, tt.name, tt.lat, tt.lon)
		if math.IsInf(tt.want, 1) != math.IsInf(got, 1) || !math.IsInf(got, 1) && math.Abs(got-tt.want) > 10 {
			t.Errorf("nearestKm(%d, %v, %v) = %.0f, want %.0f", tt.name, tt.lat, tt.lon, got, tt.want)
		}
	}
}
