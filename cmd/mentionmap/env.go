package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"strings"

	"mentionmap/data/postgis"
	"mentionmap/data/sqlite"
	"mentionmap/feeds"
	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/internal/cli"
)

// cmdEnv is what a subcommand gets from the process.
type cmdEnv struct {
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
	fetch          *feeds.Fetcher
}

// fetcher returns the process's feed and page fetcher.
func (e *cmdEnv) fetcher() *feeds.Fetcher {
	if e.fetch == nil {
		e.fetch = feeds.NewFetcher()
	}
	return e.fetch
}

func (e *cmdEnv) logger() *slog.Logger { return cli.Logger(e.stderr) }

// parseFlags parses args; flags not given fall back to MENTIONMAP_*.
func (e *cmdEnv) parseFlags(fs *flag.FlagSet, args []string) error {
	return cli.Parse(fs, args, e.getenv, e.stderr)
}

// store is what serving and ingesting need of a store.
type store interface {
	geo.ArticleStore
	geo.SourceHistory
	geo.ChangeLog
	Close() error
}

// openStore opens the store that db names: a postgres:// URL is
// PostgreSQL, anything else a SQLite file (optionally sqlite:PATH).
func openStore(ctx context.Context, log *slog.Logger, db string) (store, error) {
	if isPostgres(db) {
		return postgis.Open(ctx, db, log)
	}
	return sqlite.Open(ctx, strings.TrimPrefix(db, "sqlite:"), log)
}

func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// useReplica sends the store's reads to a hot standby, when one is named.
func useReplica(ctx context.Context, s store, replica string) error {
	if replica == "" {
		return nil
	}
	pg, ok := s.(*postgis.Store)
	if !ok || !isPostgres(replica) {
		return geo.Errorf(geo.EINVALID, "--db-replica needs a postgres:// --db and a postgres:// replica")
	}
	return pg.UseReplica(ctx, replica)
}

// dbName is how logs name the store: never with a password.
func dbName(db string) string {
	if isPostgres(db) {
		return postgis.Redact(db)
	}
	return db
}

// openAll loads the gazetteer and opens the store: what serving and
// ingesting both need. The parser has learnt nothing yet.
func openAll(ctx context.Context, log *slog.Logger, gazPath, db string) (*gazetteer.Parser, store, error) {
	idx, err := cli.LoadGazetteer(log, gazPath)
	if err != nil {
		return nil, nil, err
	}
	s, err := openStore(ctx, log, db)
	if err != nil {
		return nil, nil, err
	}
	return gazetteer.NewParser(idx), s, nil
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
