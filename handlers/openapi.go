package handlers

import (
	"net/http"

	"mentionmap/geo"
)

// The OpenAPI 3.0 definition. GDAL and QGIS read the items parameters from
// each concrete /collections/{id}/items path, so they are spelled out per
// collection rather than once under a templated path.

func param(name, in, desc string, schema map[string]any, required bool) map[string]any {
	return map[string]any{"name": name, "in": in, "description": desc, "required": required, "schema": schema, "style": "form", "explode": false}
}

var (
	str     = map[string]any{"type": "string"}
	integer = map[string]any{"type": "integer"}
)

func itemsParams() []any {
	return []any{
		param("limit", "query", "Features per page", map[string]any{"type": "integer", "minimum": 1, "maximum": ogcMaxLimit, "default": ogcDefaultLimit}, false),
		param("offset", "query", "Features to skip", map[string]any{"type": "integer", "minimum": 0, "default": 0}, false),
		param("bbox", "query", "minLon,minLat,maxLon,maxLat (CRS84); minLon > maxLon crosses the antimeridian",
			map[string]any{"type": "array", "minItems": 4, "maxItems": 4, "items": map[string]any{"type": "number"}}, false),
		param("datetime", "query", "An instant or date, or an interval a/b, ../b or a/..", str, false),
		param("country", "query", "ISO 3166-1 alpha-2 code of the place", str, false),
		param("kind", "query", "Place kind", map[string]any{"type": "string", "enum": geo.Kinds}, false),
		param("q", "query", "Full-text search of the articles: words, \"phrases\", OR, prefix*", str, false),
		param("source", "query", "The article source", str, false),
		param("min_confidence", "query", "Smallest mention confidence, 0 to 1", map[string]any{"type": "number", "minimum": 0, "maximum": 1}, false),
		param("demonyms", "query", "exclude drops adjectival mentions (\"Libyan\")", map[string]any{"type": "string", "enum": []string{"include", "exclude"}}, false),
		param("focus", "query", "true keeps the places that articles are mainly about", map[string]any{"type": "boolean"}, false),
		param("distinct", "query", "story counts each story once: a reprint's mentions are left out", map[string]any{"type": "string", "enum": []string{"mention", "story"}}, false),
		param("f", "query", "Output format", map[string]any{"type": "string", "enum": []string{"json", "csv"}}, false),
	}
}

func response(desc, ctype string) map[string]any {
	return map[string]any{"200": map[string]any{"description": desc, "content": map[string]any{ctype: map[string]any{}}},
		"400": map[string]any{"description": "Invalid parameter (application/problem+json)"}}
}

func get(summary, opID string, params []any, resp map[string]any) map[string]any {
	op := map[string]any{"summary": summary, "operationId": opID, "responses": resp}
	if params != nil {
		op["parameters"] = params
	}
	return map[string]any{"get": op}
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	paths := map[string]any{
		"/":            get("Landing page", "getLandingPage", nil, response("Landing page", typeJSON)),
		"/conformance": get("Conformance classes", "getConformance", nil, response("Conformance", typeJSON)),
		"/api":         get("This document", "getAPI", nil, response("OpenAPI", typeOpenAPI)),
		"/collections": get("Collections", "getCollections", nil, response("Collections", typeJSON)),
		"/features.geojson": get("Places or mentions as one GeoJSON FeatureCollection", "getFeatures",
			append(itemsParams()[1:], param("group", "query", "place or mention", map[string]any{"type": "string", "enum": []string{"place", "mention"}}, false),
				param("from", "query", "Start time or date", str, false), param("to", "query", "End time or date", str, false),
				param("sort", "query", "mentions (most mentioned first), or trend: the rise over the last window days against the 4 windows before",
					map[string]any{"type": "string", "enum": []string{"mentions", "trend"}}, false),
				param("window", "query", "With sort=trend: the window in days, 1 to 90 (default 7)", integer, false)),
			response("GeoJSON", typeGeoJSON)),
	}
	timeline := append(itemsParams()[1:], param("interval", "query", "day, week or month (UTC; weeks start on Monday)",
		map[string]any{"type": "string", "enum": []string{"day", "week", "month"}}, false),
		param("from", "query", "Start time or date", str, false), param("to", "query", "End time or date", str, false))
	paths["/timeline"] = get("Mentions and articles per interval", "getTimeline", timeline, response("Timeline", typeJSON))
	paths["/places/{id}/timeline"] = get("A place's mentions and articles per interval", "getPlaceTimeline",
		append([]any{param("id", "path", "Place id", integer, true)}, timeline...), response("Timeline", typeJSON))
	paths["/places/search"] = get("Gazetteer places whose name starts with q, for a place picker", "searchPlaces",
		[]any{param("q", "query", "The start of a name, 2 to 100 characters; case and accents do not count", str, true),
			param("country", "query", "ISO 3166-1 alpha-2 country code", str, false),
			param("kind", "query", "Place kind", map[string]any{"type": "string", "enum": geo.Kinds}, false),
			param("limit", "query", "Places to return, 1 to 50 (default 10)", integer, false)},
		response("Places", typeJSON))
	paths["/corrections"] = get("The audit log of corrections to mentions, newest first", "getCorrections",
		[]any{param("limit", "query", "Corrections to return, 1 to 10000 (default 100)", integer, false),
			param("offset", "query", "Corrections to skip", integer, false),
			param("format", "query", "json (default) or csv", map[string]any{"type": "string", "enum": []string{"json", "csv"}}, false)},
		response("Corrections", typeJSON))
	for _, c := range collectionInfo {
		base := "/collections/" + c.id
		paths[base] = get(c.title, "describe_"+c.id, nil, response("Collection", typeJSON))
		paths[base+"/items"] = get(c.title+": features", "getFeatures_"+c.id, itemsParams(), response("Features", typeGeoJSON))
		paths[base+"/items/{featureId}"] = get(c.title+": one feature", "getFeature_"+c.id,
			[]any{param("featureId", "path", "Feature id", integer, true)}, response("Feature", typeGeoJSON))
	}
	w.Header().Set("Content-Type", typeOpenAPI)
	writeJSONTyped(w, map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "mentionmap", "version": "1.0.0",
			"description": "Places mentioned in news articles: OGC API - Features, GeoJSON and vector tiles."},
		"servers": []any{map[string]any{"url": baseURL(r)}},
		"paths":   paths,
	})
}
