package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"mentionmap/data/postgis"
	"mentionmap/data/sqlite"
	"mentionmap/geo"
)

// benchStores makes the store of each ingest pass: a SQLite file in dir,
// or a schema of its own on the PostgreSQL server pg. The last pass's
// store is the one served.
type benchStores struct {
	dir, pg string
}

type closingStore interface {
	geo.ArticleStore
	Close() error
}

// name is the --db of pass i.
func (b *benchStores) name(i int) string {
	if b.pg != "" {
		return b.pgName(i)
	}
	if i == ingestPasses-1 {
		return filepath.Join(b.dir, "bench.db")
	}
	return filepath.Join(b.dir, fmt.Sprintf("bench.db.pass%d", i+1))
}

func (b *benchStores) pgName(i int) string {
	if i == ingestPasses-1 {
		return "bench"
	}
	return fmt.Sprintf("bench_pass%d", i+1)
}

// open makes pass i's store, new and empty.
func (b *benchStores) open(ctx context.Context, i int) (closingStore, error) {
	if b.pg == "" {
		return sqlite.Open(ctx, b.name(i), nil)
	}
	dsn, err := postgis.FreshSchema(ctx, b.pg, b.pgName(i))
	if err != nil {
		return nil, err
	}
	if i == ingestPasses-1 {
		b.pg = dsn // the served store
	}
	return postgis.Open(ctx, dsn, nil)
}

// drop removes pass i's store.
func (b *benchStores) drop(ctx context.Context, i int) {
	if b.pg != "" {
		return // the next run empties the schema
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-search", "-search-wal", "-search-shm"} {
		os.Remove(b.name(i) + suffix)
	}
}

// size is the bytes the served store takes, after the server's exit.
func (b *benchStores) size(ctx context.Context) (int64, error) {
	if b.pg == "" {
		db := b.name(ingestPasses - 1)
		return fileSize(db) + fileSize(db+"-wal") + fileSize(db+"-search") + fileSize(db+"-search-wal"), nil
	}
	s, err := postgis.Open(ctx, b.pg, nil)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	return s.Size(ctx)
}

// served is the --db of the store the server runs on.
func (b *benchStores) served() string {
	if b.pg != "" {
		return b.pg
	}
	return b.name(ingestPasses - 1)
}
