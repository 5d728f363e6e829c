package main

import (
	"context"
	"flag"
	"fmt"

	"mentionmap/data/postgis"
	"mentionmap/data/sqlite"
	"mentionmap/ingest"
)

// runMigrate copies a SQLite database into a PostgreSQL one.
func runMigrate(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	from := fs.String("from", "", "the SQLite database to copy")
	to := fs.String("to", "", "the postgres:// database to copy into")
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	if *from == "" || !isPostgres(*to) {
		return fmt.Errorf("migrate: give --from FILE.db and --to postgres://URL")
	}
	log := env.logger()
	src, err := sqlite.Open(ctx, *from, log)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := postgis.Open(ctx, *to, log)
	if err != nil {
		return err
	}
	defer dst.Close()
	return ingest.Copy(ctx, src, dst, env.stderr)
}
