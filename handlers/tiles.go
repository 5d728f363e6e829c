package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"mentionmap/geo"
)

// tileBuffer widens a tile's query box so symbols near its edges are drawn.
const tileBuffer = 0.1

// parseTile reads z/x/y and checks they name a tile.
func parseTile(r *http.Request) (maptile.Tile, error) {
	v := mux.Vars(r)
	z, ez := strconv.Atoi(v["z"])
	x, ex := strconv.Atoi(v["x"])
	y, ey := strconv.Atoi(strings.TrimSuffix(v["y"], ".mvt"))
	if ez != nil || ex != nil || ey != nil {
		return maptile.Tile{}, geo.Errorf(geo.EINVALID, "tile coordinates must be integers")
	}
	if z < 0 || z > tileMaxZoom {
		return maptile.Tile{}, geo.Errorf(geo.EINVALID, "zoom must be from 0 to %d", tileMaxZoom)
	}
	if n := 1 << z; x < 0 || y < 0 || x >= n || y >= n {
		return maptile.Tile{}, geo.Errorf(geo.EINVALID, "x and y must be from 0 to %d at zoom %d", n-1, z)
	}
	return maptile.New(uint32(x), uint32(y), maptile.Zoom(z)), nil
}

// clusterFeature turns a cluster or place into a GeoJSON feature with the
// tile properties.
func clusterFeature(c *geo.Cluster) *geojson.Feature {
	f := geojson.NewFeature(c.Point)
	if c.IsCluster() {
		f.ID = -c.ID
		f.Properties = geojson.Properties{"cluster": true, "cluster_id": -c.ID, "point_count": c.Count,
			"mentions": c.Mentions, "expansion_zoom": c.Expand}
		return f
	}
	f.ID = c.ID
	f.Properties = geojson.Properties{"place_id": c.ID, "name": c.Place.Name, "kind": c.Place.Kind,
		"country": c.Place.Country, "mentions": c.Mentions, "point_count": 1}
	return f
}

// tile is GET /tiles/{z}/{x}/{y}.mvt: layer "places", clustered at low
// zooms, with the filters of /features.geojson.
func (s *Server) tile(w http.ResponseWriter, r *http.Request) {
	t, err := parseTile(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	key, ix, ok := s.clusterIndex(w, r, f)
	if !ok {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.mapbox-vector-tile")
	h.Set("Cache-Control", "public, max-age=60, must-revalidate")
	h.Add("Vary", "Accept-Encoding")
	tk := tileKey{index: key, tile: t, gzip: acceptsGzip(r)}
	if tk.gzip {
		h.Set("Content-Encoding", "gzip")
	}
	body, cached := s.tiles.get(tk)
	if !cached {
		if body, err = encodeTile(ix, t, tk.gzip); err != nil {
			h.Del("Content-Encoding")
			writeError(w, r, s.log, geo.Errorf(geo.EINTERNAL, "tile: %v", err))
			return
		}
		s.tiles.put(tk, body)
	}
	w.Write(body)
}

// encodeTile draws the clusters and places of ix in t as a Mapbox vector
// tile, gzipped or not.
func encodeTile(ix *geo.ClusterIndex, t maptile.Tile, gzip bool) ([]byte, error) {
	fc := geojson.NewFeatureCollection()
	ix.Query(int(t.Z), t.Bound(tileBuffer), func(c *geo.Cluster) { fc.Append(clusterFeature(c)) })
	layer := mvt.NewLayer("places", fc)
	layer.ProjectToTile(t)
	layers := mvt.Layers{layer}
	layers.Clip(mvt.MapboxGLDefaultExtentBound)
	if gzip {
		return mvt.MarshalGzipped(layers)
	}
	return mvt.Marshal(layers)
}

// clusterIndex answers 304 or a problem when it can, and otherwise returns
// the cluster index for the request's filters and the current data, and
// its key.
func (s *Server) clusterIndex(w http.ResponseWriter, r *http.Request, f geo.Filter) (indexKey, *geo.ClusterIndex, bool) {
	v, err := s.store.Version(r.Context())
	if err != nil {
		writeError(w, r, s.log, err)
		return indexKey{}, nil, false
	}
	if s.answered(w, r) {
		return indexKey{}, nil, false
	}
	key := newIndexKey(f, v)
	ix, err := s.index(r.Context(), key, f)
	if err != nil {
		writeError(w, r, s.log, err)
		return indexKey{}, nil, false
	}
	return key, ix, true
}

// tileJSON is GET /tiles.json: TileJSON 3.0.0 for the places layer.
func (s *Server) tileJSON(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if _, err := parseFilter(q); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	e, err := s.store.Extent(r.Context())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	url := baseURL(r) + "/tiles/{z}/{x}/{y}.mvt"
	if enc := q.Encode(); enc != "" {
		url += "?" + enc
	}
	c := e.BBox.Center()
	writeJSON(w, http.StatusOK, map[string]any{
		"tilejson": "3.0.0", "name": "mentionmap places", "scheme": "xyz",
		"tiles": []string{url}, "minzoom": 0, "maxzoom": tileMaxZoom,
		"bounds": []float64{e.BBox.Min.X(), e.BBox.Min.Y(), e.BBox.Max.X(), e.BBox.Max.Y()},
		"center": []float64{c.X(), c.Y(), 2},
		"vector_layers": []map[string]any{{
			"id": "places", "minzoom": 0, "maxzoom": tileMaxZoom,
			"description": "Places mentioned in the news; clustered up to zoom " + strconv.Itoa(clusterMaxZoom),
			"fields": map[string]string{"place_id": "Number", "name": "String", "kind": "String", "country": "String",
				"mentions": "Number", "cluster": "Boolean", "cluster_id": "Number", "point_count": "Number", "expansion_zoom": "Number"},
		}},
	})
}

// clustersGeoJSON is GET /clusters.geojson?zoom=&bbox=: the same clusters
// as the tiles, for clients that draw GeoJSON (the map page).
func (s *Server) clustersGeoJSON(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	z, err := strconv.Atoi(q.Get("zoom"))
	if err != nil || z < 0 || z > tileMaxZoom {
		writeError(w, r, s.log, geo.Errorf(geo.EINVALID, "zoom must be an integer from 0 to %d", tileMaxZoom))
		return
	}
	_, ix, ok := s.clusterIndex(w, r, f)
	if !ok {
		return
	}
	b := orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}
	if f.BBox != nil {
		b = *f.BBox
	}
	out := s.newStream(w, r, typeGeoJSON)
	fw := geo.NewFeatureWriter(out, nil)
	for _, part := range geo.SplitAntimeridian(b) {
		ix.Query(z, part, func(c *geo.Cluster) {
			ft := clusterFeature(c)
			fw.Write(ft.ID.(int64), c.Point, ft.Properties)
		})
	}
	fw.Close()
	out.Close()
}
