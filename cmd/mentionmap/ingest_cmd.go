package main

import (
	"context"
	"flag"
	"fmt"

	"mentionmap/ingest"
)

func runIngest(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	dbPath := fs.String("db", "mentionmap.db", "the store: a SQLite file, or a postgres:// URL")
	gazPath := fs.String("gazetteer", "", "gazetteer file (default: the embedded one)")
	allowPrivate := fs.Bool("allow-private-fetch", false, "fetch links that feeds lead to on loopback and private addresses too")
	writers := fs.Int("writers", 1, "batches stored at once, each in a transaction of its own (PostgreSQL; SQLite has one writer)")
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	env.fetcher().AllowPrivate = *allowPrivate
	if fs.NArg() == 0 {
		return fmt.Errorf("ingest: name files, directories or - for stdin")
	}
	g, store, err := openAll(ctx, env.logger(), *gazPath, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	rd := &ingest.Reader{Fetcher: env.fetcher(), Stdin: env.stdin}
	return ingest.Run(ctx, env.logger(), store, g, rd, ingest.NewReport(env.stderr), fs.Args(), *writers)
}
