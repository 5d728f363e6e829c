package ingest

import (
	"context"
	"log/slog"
	"time"

	"mentionmap/geo"
)

// A starting process relearns each source's locality from its newest
// relearnPerSource stored articles, and from relearnTotal articles at
// most (about a second's work), the newest.
const (
	relearnPerSource = 50
	relearnTotal     = 5000
)

// Relearn teaches p the localities of the sources of the articles stored
// with ids up to upTo, so that a restarted process geoparses their next
// articles as the one before it would have. Articles stored after upTo
// are learnt as they are parsed.
func Relearn(ctx context.Context, log *slog.Logger, store geo.SourceHistory, p geo.Learner, upTo int64) error {
	start := time.Now()
	sources := map[string]bool{}
	articles := 0
	err := store.SourceHistory(ctx, upTo, relearnPerSource, relearnTotal, func(source string, ms []geo.Mention) error {
		p.Learn(source, ms)
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
