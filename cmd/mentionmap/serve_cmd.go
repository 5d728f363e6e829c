package main

import (
	"context"
	"errors"
	"flag"
	"net"
	"net/http"
	"strings"
	"time"

	"mentionmap/data"
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
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	log := env.logger()
	g, err := loadGazetteer(log, *gazPath)
	if err != nil {
		return err
	}
	store, err := data.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	if *demo {
		if err := ingestDemo(ctx, store, g); err != nil {
			return err
		}
		log.Info("demo articles ingested", "files", len(demoFiles()))
	}
	api := handlers.New(store, g, handlers.Options{
		MaxBodyBytes: *maxBody, CORSOrigins: strings.Split(*origins, ","), Token: *token, Logger: log,
		Assets: web.FS(), TileURL: *tileURL, TileAttrib: *tileAttrib,
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
