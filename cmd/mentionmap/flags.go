package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"mentionmap/data/sqlite"
	"mentionmap/feeds"
	"mentionmap/gazetteer"
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

func (e *cmdEnv) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(e.stderr, nil))
}

// parseFlags parses args, then fills every flag not given on the command
// line from MENTIONMAP_<NAME> (dashes become underscores).
func (e *cmdEnv) parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(e.stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		name := "MENTIONMAP_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := e.getenv(name); v != "" && !set[f.Name] && err == nil {
			if e := fs.Set(f.Name, v); e != nil {
				err = fmt.Errorf("%s: %v", name, e)
			}
		}
	})
	return err
}

// errHelp reports that --help was asked for: not a failure.
var errHelp = errors.New("help requested")

// loadGazetteer loads the gazetteer file at path, or the embedded one.
func loadGazetteer(log *slog.Logger, path string) (*gazetteer.Gazetteer, error) {
	start := time.Now()
	var g *gazetteer.Gazetteer
	var err error
	if path == "" {
		g, err = gazetteer.Default()
	} else {
		g, err = gazetteer.Open(path)
	}
	if err != nil {
		return nil, err
	}
	log.Info("gazetteer loaded", "places", g.Len(), "names", g.Names(), "took", time.Since(start).Round(time.Millisecond))
	return g, nil
}

// openAll loads the gazetteer and opens the database: what serving and
// ingesting both need. The parser has learnt nothing yet.
func openAll(ctx context.Context, log *slog.Logger, gazPath, dbPath string) (*gazetteer.Parser, *sqlite.Store, error) {
	idx, err := loadGazetteer(log, gazPath)
	if err != nil {
		return nil, nil, err
	}
	g := gazetteer.NewParser(idx)
	store, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return nil, nil, err
	}
	return g, store, nil
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
