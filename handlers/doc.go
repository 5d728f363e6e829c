// Package handlers is mentionmap's HTTP API on gorilla/mux: one file per
// resource. Handlers parse parameters, call the geo.ArticleStore and
// geo.Geoparser interfaces, and stream responses. They never import the
// concrete store or gazetteer; cmd/mentionmap wires those in.
//
// It also owns what keeps one client from hurting the others: answers are
// spooled and sent under write deadlines (spool.go), expensive reads are
// admitted a few at a time (admission.go), every request has a deadline
// and an id (middleware.go), and errors map to statuses in one place
// (errors.go).
package handlers
