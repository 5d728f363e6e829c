package handlers

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"

	"mentionmap/geo"
)

// OGC API - Features Part 1: the landing page, conformance, collections
// and items. Collections are "places" (one feature per place, with counts)
// and "mentions" (one feature per mention, with its article's time).

// link is an OGC/Web link.
type link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

const (
	typeJSON    = "application/json"
	typeGeoJSON = "application/geo+json"
	typeOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	typeCSV     = "text/csv"
	typeHTML    = "text/html"
)

var conformance = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
}

// collectionInfo describes the two collections.
var collectionInfo = []struct{ id, title, description string }{
	{"places", "Places mentioned in the news", "One point per place, with mention and article counts, first and last seen, and the latest articles."},
	{"mentions", "Mentions of places", "One point per mention, with the sentence, the article and its published time (time-enabled)."},
}

// baseURL is the scheme and host the client used.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// wantsJSON reports whether the client asked for JSON rather than HTML.
func wantsJSON(r *http.Request) bool {
	switch r.URL.Query().Get("f") {
	case "json":
		return true
	case "html":
		return false
	}
	// JSON unless the client prefers HTML: browsers list text/html first.
	accept := r.Header.Get("Accept")
	html := strings.Index(accept, "text/html")
	if html < 0 {
		return true
	}
	j := strings.Index(accept, "json")
	return j >= 0 && j < html
}

func (s *Server) landing(w http.ResponseWriter, r *http.Request) {
	if !wantsJSON(r) {
		s.page(w, r)
		return
	}
	b := baseURL(r)
	writeJSON(w, http.StatusOK, map[string]any{
		"title":       "mentionmap",
		"description": "Places mentioned in news articles, as OGC API - Features collections, GeoJSON and vector tiles.",
		"links": []link{
			{b + "/?f=json", "self", typeJSON, "This document"},
			{b + "/", "alternate", typeHTML, "The map"},
			{b + "/api", "service-desc", typeOpenAPI, "The OpenAPI definition"},
			{b + "/conformance", "conformance", typeJSON, "Conformance classes"},
			{b + "/collections", "data", typeJSON, "Collections"},
		},
	})
}

func (s *Server) conformance(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"conformsTo": conformance})
}

// collection builds the description of one collection.
func (s *Server) collection(r *http.Request, id, title, desc string) (map[string]any, error) {
	e, err := s.store.Extent(r.Context())
	if err != nil {
		return nil, err
	}
	b := baseURL(r) + "/collections/" + id
	var interval []any
	if e.Start != "" {
		interval = []any{e.Start, e.End}
	} else {
		interval = []any{nil, nil}
	}
	return map[string]any{
		"id": id, "title": title, "description": desc, "itemType": "feature",
		"crs": []string{"http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
		"extent": map[string]any{
			"spatial":  map[string]any{"bbox": [][]float64{{e.BBox.Min.X(), e.BBox.Min.Y(), e.BBox.Max.X(), e.BBox.Max.Y()}}},
			"temporal": map[string]any{"interval": [][]any{interval}},
		},
		"links": []link{
			{b, "self", typeJSON, title},
			{b + "/items", "items", typeGeoJSON, title + " (GeoJSON)"},
			{b + "/items?f=csv", "items", typeCSV, title + " (CSV)"},
		},
	}, nil
}

func (s *Server) collections(w http.ResponseWriter, r *http.Request) {
	var cols []map[string]any
	for _, c := range collectionInfo {
		col, err := s.collection(r, c.id, c.title, c.description)
		if err != nil {
			writeError(w, r, s.log, err)
			return
		}
		cols = append(cols, col)
	}
	b := baseURL(r)
	writeJSON(w, http.StatusOK, map[string]any{
		"links":       []link{{b + "/collections", "self", typeJSON, "Collections"}},
		"collections": cols,
	})
}

// collectionID returns the collection in the path, or an error.
func collectionID(r *http.Request) (string, error) {
	id := mux.Vars(r)["collection"]
	for _, c := range collectionInfo {
		if c.id == id {
			return id, nil
		}
	}
	return "", geo.Errorf(geo.ENOTFOUND, "no collection %q: there are places and mentions", id)
}

func (s *Server) getCollection(w http.ResponseWriter, r *http.Request) {
	id, err := collectionID(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	for _, c := range collectionInfo {
		if c.id == id {
			col, err := s.collection(r, c.id, c.title, c.description)
			if err != nil {
				writeError(w, r, s.log, err)
				return
			}
			writeJSON(w, http.StatusOK, col)
		}
	}
}

// pageLink is the items URL with every query parameter kept and offset set.
func pageLink(r *http.Request, offset int, f string) string {
	q := url.Values{}
	for k, v := range r.URL.Query() {
		q[k] = v
	}
	q.Set("offset", itoa(int64(offset)))
	if f != "" {
		q.Set("f", f)
	} else {
		q.Del("f")
	}
	return baseURL(r) + r.URL.Path + "?" + q.Encode()
}
