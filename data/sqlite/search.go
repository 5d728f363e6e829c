package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"

	msqlite "modernc.org/sqlite"
)

// The full-text index of articles lives in a database file of its own,
// <file>-search, with its own writer. Indexing therefore runs beside
// ingest, on another core, instead of inside the ingest transaction, where
// it took a fifth of the writer's time. The index is derived data: an
// indexer adds the articles of the main file that it lacks, in id order,
// at start and after every commit, so an index that is deleted, damaged
// by a crash between the two commits, or left from another database is
// rebuilt, and no article is lost to search.
//
// Readers attach the file as "search". A query that searches waits until
// every article committed when it began is indexed (caughtUp), so what a
// client has just stored is what it finds.

// searchSchema is the index: contentless, since the text is in articles,
// and the newest article indexed with its hash, which tells this
// database's articles from another's.
const searchSchema = `
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (title, text, content = '');
CREATE TABLE IF NOT EXISTS indexed (upto INTEGER NOT NULL, hash TEXT NOT NULL);
INSERT INTO indexed SELECT 0, '' WHERE NOT EXISTS (SELECT 1 FROM indexed);`

// indexChunk is how many articles one indexing transaction adds at most.
const indexChunk = 5000

// searchFile names the index of the database file.
func searchFile(file string) string { return file + "-search" }

// attachSearch opens reader connections with the index attached.
type attachSearch struct {
	driver.Connector
	file string
}

func (c attachSearch) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	att := conn.(driver.ExecerContext)
	if _, err := att.ExecContext(ctx, "ATTACH DATABASE ? AS search", []driver.NamedValue{{Ordinal: 1, Value: c.file}}); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

// openReaders opens the pool of readers of file, with its index attached.
func openReaders(file string) (*sql.DB, error) {
	c, err := msqlite.NewConnector(dsn(file, false))
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(attachSearch{Connector: c, file: searchFile(file)}), nil
}
