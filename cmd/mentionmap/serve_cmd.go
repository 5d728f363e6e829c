package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"mentionmap/alerts"
	"mentionmap/columns"
	"mentionmap/feeds"
	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/handlers"
	"mentionmap/ingest"
	"mentionmap/web"
)

func runServe(ctx context.Context, env *cmdEnv, args []string) error {
	start := time.Now()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg := serveFlags(fs)
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	urls, err := cfg.feedURLs()
	if err != nil {
		return err
	}
	analysts, err := cfg.analystTokens()
	if err != nil {
		return err
	}
	log := env.logger()
	g, store, err := openAll(ctx, log, cfg.gazetteer, cfg.db)
	if err != nil {
		return err
	}
	if err := useReplica(ctx, store, cfg.dbReplica); err != nil {
		store.Close()
		return err
	}
	// Background work ends, and is waited for, before the store closes.
	var wg sync.WaitGroup
	bg, stop := context.WithCancel(ctx)
	defer store.Close()
	defer wg.Wait()
	defer stop()
	relearnInBackground(bg, &wg, log, store, g)
	if cfg.demo {
		if err := ingestDemo(ctx, store, g); err != nil {
			return err
		}
		log.Info("demo articles ingested", "files", len(demoFiles()))
	}
	opts := cfg.apiOptions()
	opts.Analysts = analysts
	opts.Logger, opts.BBoxes, opts.Places = log, g, g
	opts.Counts = loadColumnsInBackground(bg, &wg, log, store)
	if len(urls) > 0 {
		fetcher := feeds.NewFetcher()
		fetcher.AllowPrivate = cfg.allowPrivate
		poller := feeds.NewPoller(urls, cfg.every, fetcher, store, g, log)
		wg.Go(func() { poller.Run(bg) })
		opts.Feeds = poller
		log.Info("polling feeds", "feeds", len(urls), "every", cfg.every)
	}
	api := handlers.NewServer(store, g, opts)
	dispatchInBackground(bg, &wg, log, cfg, store, api)
	return listen(ctx, log, cfg, api.Handler(), start)
}

// dispatchInBackground posts the events of watches to their webhooks
// (package alerts), sharing the work with any other serve process.
func dispatchInBackground(ctx context.Context, wg *sync.WaitGroup, log *slog.Logger, cfg *serveConfig, s store, api *handlers.Server) {
	as, ok := s.(alerts.Store)
	if !ok {
		return
	}
	fetcher := feeds.NewFetcher()
	fetcher.AllowPrivate = cfg.allowPrivate
	d := &alerts.Dispatcher{Store: as, Events: api, Client: fetcher.Client, Log: log, Every: cfg.webhookEvery}
	d.Leases, _ = s.(geo.Leaser)
	wg.Go(func() { d.Run(ctx) })
}

// loadColumnsInBackground reads the mentions into the in-memory copy that
// answers tiles; until it has, tiles read the store.
func loadColumnsInBackground(ctx context.Context, wg *sync.WaitGroup, log *slog.Logger, s store) *columns.Store {
	cols := columns.New(s)
	wg.Go(func() {
		start := time.Now()
		if err := cols.Load(ctx); err != nil {
			if ctx.Err() == nil {
				log.Warn("loading the mention columns failed; tiles read the database", "err", err)
			}
			return
		}
		log.Info("mention columns loaded", "mentions", cols.Rows(), "took", time.Since(start).Round(time.Millisecond))
	})
	return cols
}

// relearnInBackground relearns the sources' localities from what is
// stored, then follows what other processes store: readiness does not
// wait for it.
func relearnInBackground(ctx context.Context, wg *sync.WaitGroup, log *slog.Logger, s store, g *gazetteer.Parser) {
	wg.Go(func() {
		f, err := ingest.Start(ctx, log, s, g)
		if err != nil {
			if ctx.Err() == nil {
				log.Warn("relearning sources failed; they are learnt again from new articles", "err", err)
			}
			return
		}
		f.Follow(ctx, log)
	})
}

// listen serves api on cfg.addr until ctx ends, then drains the requests
// in flight for up to 15 s.
func listen(ctx context.Context, log *slog.Logger, cfg *serveConfig, api http.Handler, start time.Time) error {
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second, // each write of a streamed answer sets its own deadline
		IdleTimeout:       120 * time.Second,
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	if !web.Built() {
		log.Warn("the map page is not built into this binary: run go generate ./web, then build again")
	}
	log.Info("ready", "addr", ln.Addr().String(), "db", dbName(cfg.db), "startup", time.Since(start).Round(time.Millisecond))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining requests")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
