package main

import (
	"context"
	"log/slog"
	"time"

	"mentionmap/data/sqlite"
	"mentionmap/gazetteer"
	"mentionmap/geo"
)

// A starting process relearns each source's locality from its newest
// relearnPerSource stored articles, and from relearnTotal articles at
// most (about a second's work), the newest.
const (
	relearnPerSource = 50
	relearnTotal     = 5000
)

// relearnSources teaches g the localities of the sources of the articles
// stored with ids up to upTo, so that a restarted process geoparses their
// next articles as the one before it would have. Articles stored after
// upTo are learnt as they are parsed.
func relearnSources(ctx context.Context, log *slog.Logger, store *sqlite.Store, g *gazetteer.Parser, upTo int64) error {
	start := time.Now()
	sources := map[string]bool{}
	articles := 0
	err := store.SourceHistory(ctx, upTo, relearnPerSource, relearnTotal, func(source string, ms []geo.Mention) error {
		g.Learn(source, ms)
		sources[source] = true
		articles++
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	log.Info("sources relearnt", "sources", len(sources), "articles", articles, "took", time.Since(start).Round(time.Millisecond))
	return nil
}
