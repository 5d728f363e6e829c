// Package handlers is mentionmap's HTTP API on gorilla/mux: one file per
// resource. Handlers parse parameters, call the geo.ArticleStore and
// geo.Geoparser interfaces, and stream responses. They never import the
// concrete store or gazetteer; cmd/mentionmap wires those in.
package handlers
