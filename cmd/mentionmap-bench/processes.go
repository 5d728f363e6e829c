package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"mentionmap/data/postgis"
	"mentionmap/geo"
)

// benchTwoWriters ingests the corpus into a new store with two
// `mentionmap ingest` processes at once, half of it each, and reports the
// articles per second of both together, start-up included.
func benchTwoWriters(ctx context.Context, t *table, bin, dir, pg string, arts []*geo.Article) error {
	db := filepath.Join(dir, "two-writers.db")
	if pg != "" {
		var err error
		if db, err = postgis.FreshSchema(ctx, pg, "bench_two_writers"); err != nil {
			return err
		}
	}
	var files []string
	for i, half := range [][]*geo.Article{arts[:len(arts)/2], arts[len(arts)/2:]} {
		f := filepath.Join(dir, fmt.Sprintf("half%d.ndjson", i+1))
		if err := writeNDJSON(f, half); err != nil {
			return err
		}
		defer os.Remove(f)
		files = append(files, f)
	}
	start := time.Now()
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { errs[i] = runQuiet(ctx, bin, "ingest", "--db", db, f) })
	}
	wg.Wait()
	took := time.Since(start)
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	t.row("ingest, two `mentionmap ingest` processes at once, half the corpus each", fmt.Sprintf("%.0f articles/s", float64(len(arts))/took.Seconds()),
		"wall time of both, gazetteer loads included")
	if pg == "" {
		for _, suffix := range []string{"", "-wal", "-shm", "-search", "-search-wal", "-search-shm"} {
			os.Remove(db + suffix)
		}
	}
	return nil
}

// benchMigrate copies the served SQLite database into a new PostGIS
// schema with `mentionmap migrate`, which checks the counts at the end.
func benchMigrate(ctx context.Context, t *table, bin, from, pg string, articles int) error {
	to, err := postgis.FreshSchema(ctx, pg, "bench_migrate")
	if err != nil {
		return err
	}
	start := time.Now()
	if err := runQuiet(ctx, bin, "migrate", "--from", from, "--to", to); err != nil {
		return err
	}
	took := time.Since(start)
	t.row("`mentionmap migrate` from this SQLite database to PostGIS", fmt.Sprintf("%.0f articles/s", float64(articles)/took.Seconds()),
		fmt.Sprintf("%d articles in %.1f s, counts checked", articles, took.Seconds()))
	return nil
}

// benchTwoServers runs wrk against two serve processes over the same
// database at once, and reports the sum of their throughputs.
func benchTwoServers(ctx context.Context, t *table, first *benchServer, bin, db string, seconds int) error {
	second, err := startServer(ctx, bin, db)
	if err != nil {
		return err
	}
	defer second.stop()
	if err := second.waitColumns(); err != nil {
		return err
	}
	for _, u := range []struct{ name, path string }{{"tiles", "/tiles/5/16/10.mvt"}, {"features (France)", "/features.geojson?bbox=-5,42,8.5,51.2"}} {
		var rps [2]float64
		var errs [2]error
		var wg sync.WaitGroup
		for i, s := range []*benchServer{first, second} {
			wg.Go(func() { rps[i], errs[i] = runWrk(s.base+u.path, 2, seconds) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		t.row(fmt.Sprintf("wrk %s, two serve processes, 2 connections each", u.name), fmt.Sprintf("%.0f requests/s", rps[0]+rps[1]),
			fmt.Sprintf("%.0f + %.0f", rps[0], rps[1]))
	}
	return nil
}

func writeNDJSON(path string, arts []*geo.Article) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, a := range arts {
		if err := enc.Encode(map[string]any{"url": a.URL, "title": a.Title, "source": a.Source, "published": a.Published, "text": a.Text}); err != nil {
			return err
		}
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// runQuiet runs the binary, and returns the end of its output on failure.
func runQuiet(ctx context.Context, bin string, args ...string) error {
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v: %s", bin, args[0], err, out[max(0, len(out)-2000):])
	}
	return nil
}
