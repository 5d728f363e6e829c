// Package sqlite is mentionmap's SQLite store, the embedded default: schema migrations, article
// ingest and the queries behind the HTTP API. All SQL lives here.
//
// It uses modernc.org/sqlite (pure Go, no cgo) in WAL mode. Writes go
// through a pool of one connection with immediate transactions, so writers
// queue instead of failing with SQLITE_BUSY; reads use a separate pool.
package sqlite
