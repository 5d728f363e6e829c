// Package postgis is mentionmap's PostgreSQL + PostGIS store, for teams
// that outgrow one machine: several stateless `serve` processes over one
// database. It implements geo.ArticleStore and passes data/storetest, so
// the API serves the same content from it as from the SQLite store. All of
// its SQL lives here.
//
// Places carry geometry(Point,4326) with a GiST index, and articles a
// tsvector with a GIN index, so QGIS and SQL users can read the tables
// directly. Migrations are embedded, and run under an advisory lock.
package postgis
