package main

import (
	"context"
	"errors"
	"flag"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"mentionmap/feeds"
	"mentionmap/handlers"
	"mentionmap/web"
)

func runServe(ctx context.Context, env *cmdEnv, args []string) error {
	start := time.Now()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", ":8080", "listen address")
	dbPath := fs.String("db", "mentionmap.db", "SQLite database file")
	demo := fs.Bool("demo", false, "ingest the bundled demo articles at start")
	gazPath := fs.String("gazetteer", "", "gazetteer file (default: the embedded one)")
	origins := fs.String("cors-origins", "*", "comma-separated origins allowed to read the API")
	maxBody := fs.Int64("max-body", 10<<20, "largest request body in bytes")
	token := fs.String("token", "", "bearer token required on write endpoints (MENTIONMAP_TOKEN)")
	tileURL := fs.String("tile-url", "", "optional raster base map for the page, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png")
	tileAttrib := fs.String("tile-attribution", "", "attribution shown for --tile-url")
	var feedURLs multiFlag
	fs.Var(&feedURLs, "feed", "RSS, Atom or JSON Feed URL to poll (repeatable)")
	feedsFile := fs.String("feeds", "", "file of feed URLs to poll, one per line (# comments)")
	every := fs.Duration("every", 15*time.Minute, "how often to poll each feed")
	allowPrivate := fs.Bool("allow-private-fetch", false, "fetch links that feeds lead to on loopback and private addresses too")
	maxBatch := fs.Int("max-batch", 10_000, "most articles in one NDJSON request body")
	reqTimeout := fs.Duration("request-timeout", 30*time.Second, "the longest a request may work before it answers 503")
	writeTimeout := fs.Duration("write-timeout", 15*time.Second, "the longest one write to a client may block before the client is dropped")
	maxHeavy := fs.Int("max-heavy", 4, "expensive reads (large pages, searches, new map filters) at once; more answer 503")
	spoolDir := fs.String("spool-dir", "", "where answers over 1 MB wait to be sent (default: the system's temporary directory)")
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	log := env.logger()
	g, store, err := openAll(ctx, log, *gazPath, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	// Relearn the sources' localities from what is stored, in the
	// background: readiness does not wait for it, and the store stays
	// open until it ends.
	upTo, err := store.LastArticleID(ctx)
	if err != nil {
		return err
	}
	relearnt := make(chan struct{})
	defer func() { <-relearnt }()
	go func() {
		defer close(relearnt)
		if err := relearnSources(ctx, log, store, g, upTo); err != nil && ctx.Err() == nil {
			log.Warn("relearning sources failed; they are learnt again from new articles", "err", err)
		}
	}()
	if *demo {
		if err := ingestDemo(ctx, store, g); err != nil {
			return err
		}
		log.Info("demo articles ingested", "files", len(demoFiles()))
	}
	urls, err := feedList(feedURLs, *feedsFile)
	if err != nil {
		return err
	}
	var poller *feeds.Poller
	if len(urls) > 0 {
		fetcher := feeds.NewFetcher()
		fetcher.AllowPrivate = *allowPrivate
		poller = feeds.NewPoller(urls, *every, fetcher, store, g, log)
		go poller.Run(ctx)
		log.Info("polling feeds", "feeds", len(urls), "every", *every)
	}
	api := handlers.New(store, g, handlers.Options{
		MaxBodyBytes: *maxBody, CORSOrigins: strings.Split(*origins, ","), Token: *token, Logger: log,
		Assets: web.FS(), TileURL: *tileURL, TileAttrib: *tileAttrib, Feeds: lister(poller),
		MaxBatch: *maxBatch, RequestTimeout: *reqTimeout, WriteTimeout: *writeTimeout, MaxHeavy: *maxHeavy, SpoolDir: *spoolDir,
	})
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if !web.Built() {
		log.Warn("the map page is not built into this binary: run go generate ./web, then build again")
	}
	log.Info("ready", "addr", ln.Addr().String(), "db", *dbPath, "startup", time.Since(start).Round(time.Millisecond))
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

// feedList merges --feed URLs with those in a --feeds file.
func feedList(urls []string, file string) ([]string, error) {
	out := append([]string(nil), urls...)
	if file == "" {
		return out, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out, nil
}

// lister returns p as a FeedLister, or nil when no feeds are polled.
func lister(p *feeds.Poller) handlers.FeedLister {
	if p == nil {
		return nil
	}
	return p
}
