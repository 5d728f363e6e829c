package main

import (
	"context"
	"flag"
	"fmt"

	"mentionmap/geo"
	"mentionmap/ingest"
)

// runReparse parses the stored articles again with this binary's
// gazetteer and geoparser, after an upgrade, keeping what analysts
// corrected.
func runReparse(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("reparse", flag.ContinueOnError)
	dbPath := fs.String("db", "mentionmap.db", "the store: a SQLite file, or a postgres:// URL")
	gazPath := fs.String("gazetteer", "", "gazetteer file (default: the embedded one)")
	from := fs.Int64("from", 0, "parse the articles after this id (to resume a reparse that stopped)")
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *from < 0 {
		return fmt.Errorf("reparse: takes only flags, and --from is an article id")
	}
	g, s, err := openAll(ctx, env.logger(), *gazPath, *dbPath)
	if err != nil {
		return err
	}
	defer s.Close()
	rs, ok := s.(ingest.Reparsed)
	if !ok {
		return geo.Errorf(geo.EUNSUPPORTED, "reparse: this store cannot revise its mentions")
	}
	_, err = ingest.Reparse(ctx, rs, g, *from, env.stderr)
	return err
}
