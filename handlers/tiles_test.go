package handlers_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

// decodeTile fetches and decodes one tile, returning its places layer
// in lon/lat.
func decodeTile(t *testing.T, base string, z, x, y int, query string) (*mvt.Layer, int) {
	t.Helper()
	res, body := do(t, "GET", fmt.Sprintf("%s/tiles/%d/%d/%d.mvt%s", base, z, x, y, query), "", "", "Accept-Encoding", "gzip")
	if res.StatusCode != 200 {
		return nil, res.StatusCode
	}
	if res.Header.Get("Content-Type") != "application/vnd.mapbox-vector-tile" || res.Header.Get("ETag") == "" || res.Header.Get("Cache-Control") == "" {
		t.Errorf("tile headers: %v", res.Header)
	}
	layers, err := mvt.UnmarshalGzipped(body)
	if err != nil {
		t.Fatalf("z%d/%d/%d: %v", z, x, y, err)
	}
	if len(layers) == 0 {
		return &mvt.Layer{Name: "places"}, 200
	}
	layers.ProjectToWGS84(maptile.New(uint32(x), uint32(y), maptile.Zoom(z)))
	return layers[0], 200
}

func num(v any) int {
	switch n := v.(type) {
	case float64:
		return int(n)
	case int64:
		return int(n)
	case uint64:
		return int(n)
	}
	return 0
}

// TestTilesAddUp decodes every tile of zooms 0-3 and 13: the point counts
// and mentions of clusters and places add up to the totals, and every
// feature lies in its tile.
func TestTilesAddUp(t *testing.T) {
	base := seeded(t)
	var fc struct {
		Features []struct{ Properties struct{ Mentions int } }
	}
	getJSON(t, base+"/features.geojson", &fc)
	places, mentions := len(fc.Features), 0
	for _, f := range fc.Features {
		mentions += f.Properties.Mentions
	}
	for _, z := range []int{0, 1, 2, 3} {
		gotPlaces, gotMentions := 0, 0
		n := 1 << z
		for x := 0; x < n; x++ {
			for y := 0; y < n; y++ {
				layer, st := decodeTile(t, base, z, x, y, "")
				if st != 200 || layer.Name != "places" {
					t.Fatalf("z%d/%d/%d: %d %q", z, x, y, st, layer.Name)
				}
				bound := maptile.New(uint32(x), uint32(y), maptile.Zoom(z)).Bound()
				for _, f := range layer.Features {
					p := f.Geometry.(orb.Point)
					if !bound.Contains(p) {
						continue // in the buffer: counted by its own tile
					}
					gotPlaces += num(f.Properties["point_count"])
					gotMentions += num(f.Properties["mentions"])
					if f.Properties["cluster"] == true && num(f.Properties["expansion_zoom"]) <= z {
						t.Errorf("z%d cluster %v does not expand deeper", z, f.Properties)
					}
				}
			}
		}
		if gotPlaces != places || gotMentions != mentions {
			t.Errorf("z%d: tiles hold %d places and %d mentions, want %d and %d", z, gotPlaces, gotMentions, places, mentions)
		}
	}
	// At z13 the tile over Sirte holds Sirte itself, unclustered.
	tile := maptile.At(orb.Point{16.58866, 31.20892}, 13)
	layer, _ := decodeTile(t, base, 13, int(tile.X), int(tile.Y), "")
	found := false
	for _, f := range layer.Features {
		found = found || f.Properties["name"] == "Sirte" && f.Properties["kind"] == "city" && f.Properties["cluster"] == nil
	}
	if !found {
		t.Errorf("z13 tile over Sirte: %d features, no Sirte", len(layer.Features))
	}
}

func TestTileFiltersAndErrors(t *testing.T) {
	base := seeded(t)
	layer, _ := decodeTile(t, base, 0, 0, 0, "?country=BD")
	total := 0
	for _, f := range layer.Features {
		total += num(f.Properties["point_count"])
	}
	if total != 2 { // Dhaka and Bangladesh
		t.Errorf("country filter: %d places", total)
	}
	for _, path := range []string{"/tiles/17/0/0.mvt", "/tiles/2/4/0.mvt", "/tiles/2/0/-1.mvt", "/tiles/a/0/0.mvt", "/tiles/0/0/0.mvt?bbox=1"} {
		if res, body := do(t, "GET", base+path, "", ""); res.StatusCode != 400 {
			t.Errorf("%s: %d %s", path, res.StatusCode, body)
		}
	}
	var tj struct {
		TileJSON     string
		Tiles        []string
		MinZoom      int
		MaxZoom      int
		Bounds       []float64
		VectorLayers []struct {
			ID     string
			Fields map[string]string
		} `json:"vector_layers"`
	}
	getJSON(t, base+"/tiles.json?country=LY", &tj)
	if tj.TileJSON != "3.0.0" || len(tj.VectorLayers) != 1 || tj.VectorLayers[0].ID != "places" || tj.MaxZoom < 14 ||
		len(tj.Bounds) != 4 || len(tj.Tiles) != 1 || tj.Tiles[0][len(tj.Tiles[0])-10:] != "country=LY" {
		t.Errorf("tilejson = %+v", tj)
	}
}

// tileMentions sums the mentions of a tile's features.
func tileMentions(t *testing.T, base string) int {
	t.Helper()
	layer, _ := decodeTile(t, base, 0, 0, 0, "")
	n := 0
	for _, f := range layer.Features {
		n += num(f.Properties["mentions"])
	}
	return n
}

// TestTilesInvalidateOnNewArticles: a new article changes the ETag and
// the content of a tile that was served (and cached) before.
func TestTilesInvalidateOnNewArticles(t *testing.T) {
	base := seeded(t)
	before := tileMentions(t, base)
	if again := tileMentions(t, base); again != before {
		t.Fatalf("the same tile twice: %d then %d mentions", before, again)
	}
	res, _ := do(t, "GET", base+"/tiles/0/0/0.mvt", "", "")
	etag := res.Header.Get("ETag")
	if res, _ := do(t, "GET", base+"/tiles/0/0/0.mvt", "", "", "If-None-Match", etag); res.StatusCode != 304 {
		t.Errorf("unchanged tile: %d, want 304", res.StatusCode)
	}
	do(t, "POST", base+"/articles", "text/plain", "Storms hit Suva, Fiji.")
	res, _ = do(t, "GET", base+"/tiles/0/0/0.mvt", "", "", "If-None-Match", etag)
	if res.StatusCode != 200 {
		t.Fatalf("after a new article: %d, want 200", res.StatusCode)
	}
	if after := tileMentions(t, base); after <= before {
		t.Errorf("after a new article the tile has %d mentions, before %d", after, before)
	}
	var fc struct{ Features []json.RawMessage }
	getJSON(t, base+"/clusters.geojson?zoom=0", &fc)
	if len(fc.Features) == 0 {
		t.Error("clusters.geojson is empty")
	}
}
