package geo

import (
	"math"
	"testing"
)

func TestWatchValidate(t *testing.T) {
	tests := []struct {
		name string
		w    Watch
		ok   bool
	}{
		{"a box", Watch{Name: "Libya", BBox: BBox{9, 19, 26, 34}}, true},
		{"across the antimeridian", Watch{Name: "Fiji", BBox: BBox{176, -21, -178, -12}}, true},
		{"no name", Watch{Name: "  ", BBox: BBox{9, 19, 26, 34}}, false},
		{"empty box", Watch{Name: "x", BBox: BBox{9, 19, 9, 34}}, false},
		{"south above north", Watch{Name: "x", BBox: BBox{9, 34, 26, 19}}, false},
		{"out of range", Watch{Name: "x", BBox: BBox{9, 19, 200, 34}}, false},
		{"latitude out of range", Watch{Name: "x", BBox: BBox{9, -95, 26, 34}}, false},
		{"not a number", Watch{Name: "x", BBox: BBox{math.NaN(), 19, 26, 34}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.w.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok %v", err, tt.ok)
			} else if err != nil && ErrorCode(err) != EINVALID {
				t.Errorf("code %q, want invalid", ErrorCode(err))
			}
		})
	}
}
