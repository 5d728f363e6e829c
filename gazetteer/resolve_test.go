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
	g.gather(&d.ev, spans)
	if len(d.ev.anchors) < 4 {
		t.Fatalf("only %d anchors", len(d.ev.anchors))
	}
	if !sort.SliceIsSorted(d.ev.anchors, func(i, j int) bool { return d.ev.anchors[i].lat < d.ev.anchors[j].lat }) {
		t.Errorf("anchors not sorted by latitude: %+v", d.ev.anchors)
	}
}

func TestNearestKm(t *testing.T) {
	anchors := []anchor{{key: "a", lat: -10, lon: 0}, {key: "b", lat: 51.5, lon: -0.12}, {key: "c", lat: 52.2, lon: 0.12}}
	tests := []struct {
		key      string
		lat, lon float64
		want     float64
	}{
		{"x", 51.75, -1.26, 82},          // Oxford: London is nearest
		{"b", 51.5, -0.12, 79},           // London's own anchor is skipped: Cambridge
		{"x", 0, 0, math.Inf(1)},         // nothing within range
		{"x", -10.5, 179.9, math.Inf(1)}, // far in longitude
	}
	for _, tt := range tests {
		got := nearestKm(anchors, tt.key, tt.lat, tt.lon)
		if math.IsInf(tt.want, 1) != math.IsInf(got, 1) || !math.IsInf(got, 1) && math.Abs(got-tt.want) > 10 {
			t.Errorf("nearestKm(%s, %v, %v) = %.0f, want %.0f", tt.key, tt.lat, tt.lon, got, tt.want)
		}
	}
}
