package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestErrorCodes(t *testing.T) {
	tests := []struct {
		err       error
		code, msg string
	}{
		{nil, "", ""},
		{Errorf(ENOTFOUND, "article %d not found", 3), ENOTFOUND, "article 3 not found"},
		{fmt.Errorf("wrapped: %w", Errorf(EINVALID, "bad bbox")), EINVALID, "bad bbox"},
		{errors.New("disk I/O error at /var/secret"), EINTERNAL, "internal error"},
	}
	for _, tt := range tests {
		if c, m := ErrorCode(tt.err), ErrorMessage(tt.err); c != tt.code || m != tt.msg {
			t.Errorf("%v: code %q msg %q, want %q %q", tt.err, c, m, tt.code, tt.msg)
		}
	}
}

func TestSpatialHelpers(t *testing.T) {
	b := func(a, c, d, e float64) orb.Bound { return orb.Bound{Min: orb.Point{a, c}, Max: orb.Point{d, e}} }
	tests := []struct {
		b     orb.Bound
		valid bool
		parts int
	}{
		{b(-10, -10, 10, 10), true, 1},
		{b(170, -10, -170, 10), true, 2},
		{b(0, -91, 10, 10), false, 1},
		{b(0, 10, 10, 0), false, 1},
		{b(-181, 0, 10, 10), false, 1},
		{b(math.NaN(), 0, 10, 10), false, 1},
	}
	for _, tt := range tests {
		if ValidBound(tt.b) != tt.valid || tt.valid && len(SplitAntimeridian(tt.b)) != tt.parts {
			t.Errorf("%v: valid %v parts %d", tt.b, ValidBound(tt.b), len(SplitAntimeridian(tt.b)))
		}
	}
	// Tripoli (Libya) to Benghazi is about 645 km.
	if d := DistanceKm(orb.Point{13.187, 32.887}, orb.Point{20.069, 32.115}); math.Abs(d-648) > 10 {
		t.Errorf("Tripoli-Benghazi = %.0f km", d)
	}
}

func TestFeatureWriter(t *testing.T) {
	var buf bytes.Buffer
	fw := NewFeatureWriter(&buf, map[string]any{"id": "doc-1"})
	fw.Write(7, orb.Point{13.5, 32.25}, map[string]string{"name": "Tripoli <x>"})
	fw.Write(8, orb.Point{-0.1, 51.5}, map[string]string{"name": "London"})
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		ID       string
		Features []struct {
			ID       int
			Geometry struct {
				Type        string
				Coordinates []float64
			}
			Properties map[string]string
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatalf("%v: %s", err, buf.String())
	}
	if fc.Type != "FeatureCollection" || fc.ID != "doc-1" || len(fc.Features) != 2 || fw.Count() != 2 {
		t.Fatalf("collection = %+v", fc)
	}
	f := fc.Features[0]
	if f.ID != 7 || f.Geometry.Type != "Point" || f.Geometry.Coordinates[0] != 13.5 || f.Properties["name"] != "Tripoli <x>" {
		t.Errorf("feature = %+v", f)
	}
}

func BenchmarkFeatureWriter(b *testing.B) {
	props := map[string]any{"name": "Tripoli", "kind": "city", "mentions": 12}
	var buf bytes.Buffer
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		fw := NewFeatureWriter(&buf, nil)
		for j := 0; j < 100; j++ {
			fw.Write(int64(j), orb.Point{13.18, 32.88}, props)
		}
		fw.Close()
		b.SetBytes(int64(buf.Len()))
	}
}

func TestLessonBookReplaysInArticleOrder(t *testing.T) {
	arts := SourceArticles([]int64{3, 1, 2, 4}, map[int64]string{1: "a.test", 2: "", 3: "b.test"})
	b := NewLessonBook(arts)
	b.Add(1, Mention{Text: "x"})
	b.Add(3, Mention{Text: "y"})
	b.Add(1, Mention{Text: "z"})
	var got []string
	b.Replay(func(source string, ms []Mention) error {
		s := source + ":"
		for _, m := range ms {
			s += m.Text
		}
		got = append(got, s)
		return nil
	})
	// 2 has no source key and 4 is not stored: neither is replayed.
	if fmt.Sprint(got) != "[b.test:y a.test:xz]" || fmt.Sprint(b.IDs()) != "[3 1]" {
		t.Errorf("replayed %v for ids %v", got, b.IDs())
	}
}
