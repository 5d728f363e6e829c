package handlers

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"mentionmap/geo"
)

// page serves the map page (index.html from Options.Assets), or a plain
// page of links when the front end was not built.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	if s.opts.Assets != nil {
		if _, err := fs.Stat(s.opts.Assets, "app.js"); err != nil {
			s.log.Debug("map bundle not built; serving the plain page")
		} else if b, err := fs.ReadFile(s.opts.Assets, "index.html"); err == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(b)
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(`<!doctype html><html><head><meta charset="utf-8"><title>mentionmap</title></head><body>
<h1>mentionmap</h1><p>The map front end is not built into this binary (run <code>go generate ./web</code> and rebuild).</p>
<ul><li><a href="/features.geojson">/features.geojson</a></li><li><a href="/collections?f=json">OGC API collections</a></li>
<li><a href="/api">OpenAPI definition</a></li><li><a href="/articles">Articles</a></li></ul></body></html>`))
}

// config is GET /config.json: settings the map page reads at start.
func (s *Server) config(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"tile_url": s.opts.TileURL, "tile_attribution": s.opts.TileAttrib})
}

// assets serves the front end's static files. Paths are cleaned and
// looked up in an fs.FS, which cannot reach outside it.
func (s *Server) assets(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+strings.TrimPrefix(r.URL.Path, "/assets/")), "/")
	if s.opts.Assets == nil || name == "" || !fs.ValidPath(name) {
		writeError(w, r, s.log, geo.Errorf(geo.ENOTFOUND, "no asset %q", r.URL.Path))
		return
	}
	if _, err := fs.Stat(s.opts.Assets, name); err != nil {
		writeError(w, r, s.log, geo.Errorf(geo.ENOTFOUND, "no asset %q", r.URL.Path))
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeFileFS(w, r, s.opts.Assets, name)
}
