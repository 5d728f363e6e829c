package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"mentionmap/geo"
)

// Store is what an ingest writes to.
type Store interface {
	geo.ArticleStore
	geo.SourceHistory
	geo.ChangeLog
}

// Parser is what an ingest geoparses with.
type Parser interface {
	geo.Geoparser
	geo.Learner
}

// Run relearns p's sources from store and follows what other processes
// store meanwhile (Follower), then reads every source through a
// Batcher with writers concurrent writers into store, counting in report.
// It fails when the store does, or when any article could not be stored.
func Run(ctx context.Context, log *slog.Logger, store Store, p Parser, rd *Reader, report *Report, sources []string, writers int) error {
	f, err := Start(ctx, log, store, p)
	if err != nil {
		return err
	}
	// Learn what other processes store meanwhile, until the end.
	fctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { f.Follow(fctx, log) })
	defer wg.Wait()
	defer stop()
	b := NewBatcher(ctx, store, p, report, 0)
	b.Writers = writers
	out := Sink{OK: b.Add, Bad: func(err error) { report.Add(false, 0, err) }, Refused: report.Refuse}
	for _, src := range sources {
		if err = rd.Read(ctx, src, out); err != nil {
			break
		}
	}
	if ferr := b.Finish(); err == nil {
		err = ferr
	}
	report.Done()
	if err == nil && report.Failed > 0 {
		err = fmt.Errorf("%d articles failed", report.Failed)
	}
	return err
}
