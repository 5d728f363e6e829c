package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/ingest"
	"mentionmap/internal/cli"
)

// run builds a synthetic corpus, ingests it, starts the server on it and
// prints one table of measurements.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mentionmap-bench", flag.ContinueOnError)
	pg := fs.String("db", "", "a postgres:// database to measure the PostGIS store on (its schemas bench and bench_pass*); default: SQLite in --dir")
	bin := fs.String("bin", "", "the mentionmap binary to serve the corpus with (MENTIONMAP_BIN; default: mentionmap beside this program)")
	n := fs.Int("articles", 60000, "articles in the synthetic corpus")
	dir := fs.String("dir", "", "working directory (default: a temporary one, removed after)")
	wrkSeconds := fs.Int("wrk-seconds", 5, "duration of each wrk run (0 skips wrk)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the parse and ingest phases to this file")
	only := fs.String("only", "", `"ingest" stops after parse and ingest; "ready" only times serve's start-up`)
	migrateTo := fs.String("migrate-to", "", "a postgres:// database to time `mentionmap migrate` of the SQLite bench database into (schema bench_migrate)")
	if err := cli.Parse(fs, args, getenv, stderr); err != nil {
		return err
	}
	if *only != "" && *only != "ingest" && *only != "ready" {
		return geo.Errorf(geo.EINVALID, `bench: --only %q: want "ingest" or "ready"`, *only)
	}
	if *bin == "" {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		*bin = filepath.Join(filepath.Dir(exe), "mentionmap")
	}
	if _, err := os.Stat(filepath.Join(*dir, "bench.db")); *dir != "" && err == nil {
		// Ingesting the corpus again would store nothing and time that.
		return geo.Errorf(geo.EINVALID, "bench: %s already holds a bench.db from an earlier run; give an empty --dir", *dir)
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "mentionmap-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		*dir = d
	} else if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	runtime.GOMAXPROCS(runtime.NumCPU())
	t := &table{w: stdout}
	if *only == "ready" {
		return benchReady(ctx, t, *bin, filepath.Join(*dir, "ready.db"))
	}
	idx, err := cli.LoadGazetteer(cli.Logger(stderr), "")
	if err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	arts := benchCorpus(idx, *n, 1, "cli")
	more := benchCorpus(idx, 2000, 2, "post")
	g := gazetteer.NewParser(idx)
	if err := benchParse(t, g, arts); err != nil {
		return err
	}
	stores := &benchStores{dir: *dir, pg: *pg}
	mentions, err := benchIngest(ctx, t, g, stores, arts)
	if err != nil || *only == "ingest" {
		return err
	}
	if err := benchTwoWriters(ctx, t, *bin, *dir, *pg, arts); err != nil {
		return err
	}
	pprof.StopCPUProfile()
	db := stores.served()
	srv, err := startServer(ctx, *bin, db)
	if err != nil {
		return err
	}
	defer srv.stop()
	t.row("time to ready (gazetteer, database, listen)", ms(srv.ready), "")
	time.Sleep(time.Second)
	t.row("RSS at idle", fmt.Sprintf("%.0f MB", srv.rssMB("VmRSS")), "")
	if err := benchHTTP(t, srv, more, *wrkSeconds); err != nil {
		return err
	}
	if *wrkSeconds > 0 {
		if err := benchTwoServers(ctx, t, srv, *bin, db, *wrkSeconds); err != nil {
			return err
		}
	}
	if stores.pg != "" {
		if err := benchSQLTiles(ctx, t, stores.pg); err != nil {
			return err
		}
	}
	t.row("RSS peak under load", fmt.Sprintf("%.0f MB", srv.rssMB("VmHWM")), "")
	// After a clean exit, the WAL is in the file: a running server's WAL
	// holds up to 64 MB of copies of pages. The search index is counted.
	srv.stop()
	size, err := stores.size(ctx)
	if err != nil {
		return err
	}
	t.row("database size per million mentions", fmt.Sprintf("%.0f MB", float64(size)/1e6/float64(mentions)*1e6),
		fmt.Sprintf("%d articles, %d mentions, %.0f MB", *n, mentions, float64(size)/1e6))
	if *migrateTo != "" && *pg == "" {
		return benchMigrate(ctx, t, *bin, db, *migrateTo, *n+len(more))
	}
	return nil
}

// table prints measurements as a Markdown table.
type table struct {
	w      io.Writer
	header bool
}

func (t *table) row(what, value, note string) {
	if !t.header {
		fmt.Fprintf(t.w, "| measure | value | notes |\n|---|---|---|\n")
		t.header = true
	}
	fmt.Fprintf(t.w, "| %s | %s | %s |\n", what, value, note)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func fileSize(p string) int64 {
	if fi, err := os.Stat(p); err == nil {
		return fi.Size()
	}
	return 0
}

// benchParse parses the corpus three times on one goroutine, as articles
// of their sources as ingest does, and reports the median pass, since a
// shared machine is noisy.
func benchParse(t *table, g geo.Geoparser, arts []*geo.Article) error {
	size := 0
	for _, a := range arts {
		size += len(a.Text)
	}
	var passes []float64
	for range 3 {
		start := time.Now()
		for _, a := range arts {
			g.ParseFrom(geo.SourceKey(a.Source, a.URL), a.Text) // the CLI keeps no result either
		}
		passes = append(passes, time.Since(start).Seconds())
	}
	slices.Sort(passes)
	el := passes[1]
	t.row("geoparse, one core (median of 3 passes)", fmt.Sprintf("%.1f MB/s", float64(size)/1e6/el),
		fmt.Sprintf("%.0f articles/s; passes %.1f-%.1f MB/s", float64(len(arts))/el, float64(size)/1e6/passes[2], float64(size)/1e6/passes[0]))
	return nil
}

// ingestPasses is how many times the bench ingests the corpus, each time
// into a new database: like the geoparse row, the ingest rows report the
// median pass, since a shared machine is noisy.
const ingestPasses = 3

// ingestPass is the outcome of ingesting the corpus once.
type ingestPass struct {
	seconds, storeSeconds float64 // end to end; inside IngestBatch
	mentions              int
}

// benchIngest ingests the corpus ingestPasses times as the CLI does, the
// last time into db, and reports the median pass: the rate end to end and
// the rate of the store alone (the time spent inside IngestBatch).
func benchIngest(ctx context.Context, t *table, g geo.Geoparser, stores *benchStores, arts []*geo.Article) (int, error) {
	var passes []ingestPass
	for i := range ingestPasses {
		store, err := stores.open(ctx, i)
		if err != nil {
			return 0, err
		}
		p, err := ingestOnce(ctx, g, store, arts)
		store.Close()
		if i < ingestPasses-1 {
			stores.drop(ctx, i)
		}
		if err != nil {
			return 0, err
		}
		passes = append(passes, p)
	}
	slices.SortFunc(passes, func(a, b ingestPass) int { return cmp.Compare(a.seconds, b.seconds) })
	med, n := passes[len(passes)/2], float64(len(arts))
	t.row(fmt.Sprintf("ingest, CLI path: parse and store pipelined, batches of %d, one writer (median of %d passes)", ingest.BatchSize, ingestPasses),
		fmt.Sprintf("%.0f articles/s", n/med.seconds),
		fmt.Sprintf("%.0f mentions/s; passes %.0f-%.0f articles/s", float64(med.mentions)/med.seconds, n/passes[len(passes)-1].seconds, n/passes[0].seconds))
	t.row("ingest, the store alone (time inside IngestBatch, same pass)", fmt.Sprintf("%.0f articles/s", n/med.storeSeconds),
		fmt.Sprintf("%.0f mentions/s", float64(med.mentions)/med.storeSeconds))
	return med.mentions, nil
}

// ingestOnce ingests arts into a new store, as the CLI does: BatchSize
// articles per transaction, each batch geoparsed on every core while the
// one before is stored. Each article is a new copy, as the CLI reads it,
// so that a stored batch's mentions are garbage, as they are there: held
// to the end, 1.2 million mentions doubled the collector's work.
func ingestOnce(ctx context.Context, g geo.Geoparser, store geo.ArticleStore, arts []*geo.Article) (ingestPass, error) {
	p := ingest.NewReport(io.Discard)
	b := ingest.NewBatcher(ctx, store, g, p, 0)
	start := time.Now()
	for _, a := range arts {
		if err := b.Add(&geo.Article{URL: a.URL, Title: a.Title, Source: a.Source, Published: a.Published, Text: a.Text}); err != nil {
			return ingestPass{}, err
		}
	}
	if err := b.Finish(); err != nil {
		return ingestPass{}, err
	}
	return ingestPass{seconds: time.Since(start).Seconds(), storeSeconds: b.StoreTime().Seconds(), mentions: p.Mentions}, nil
}

// readyStarts is how many times benchReady starts the server.
const readyStarts = 7

// benchReady starts serve on an empty database readyStarts times, one
// after the other, and reports the median time to its first answer: what
// a restart costs, mostly the gazetteer's load in a fresh process.
func benchReady(ctx context.Context, t *table, bin, db string) error {
	var took []time.Duration
	for range readyStarts {
		srv, err := startServer(ctx, bin, db)
		if err != nil {
			return err
		}
		srv.stop()
		took = append(took, srv.ready)
	}
	slices.Sort(took)
	t.row(fmt.Sprintf("time to ready, an empty database (median of %d starts)", readyStarts), ms(took[len(took)/2]),
		fmt.Sprintf("%s-%s", ms(took[0]), ms(took[len(took)-1])))
	return nil
}

// benchHTTP measures the API of the running server.
func benchHTTP(t *table, srv *benchServer, more []*geo.Article, wrkSeconds int) error {
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 4}}
	// POST batches of new articles (parsed by the server).
	var bodies [][]byte
	for i := 0; i < len(more); i += 500 {
		var b []byte
		for _, a := range more[i:min(len(more), i+500)] {
			line, _ := json.Marshal(map[string]any{"url": a.URL, "title": a.Title, "source": a.Source, "published": a.Published, "text": a.Text})
			b = append(append(b, line...), '\n')
		}
		bodies = append(bodies, b)
	}
	rate, err := postBatches(srv.base, bodies, 500)
	if err != nil {
		return err
	}
	t.row("ingest via POST /articles (NDJSON, 500 per body, parsed by the server)", fmt.Sprintf("%.0f articles/s", rate), "")
	boxes := []struct{ name, bbox string }{
		{"city (Paris, 0.5°)", "2.1,48.6,2.6,49.1"}, {"country (France)", "-5,42,8.5,51.2"},
		{"continent (Europe)", "-11,35,32,61"}, {"world", "-180,-90,180,90"},
	}
	for _, group := range []string{"", "&group=mention"} {
		for _, b := range boxes {
			u := srv.base + "/features.geojson?bbox=" + b.bbox + group
			l, err := measure(client, []string{u}, 30, true)
			if err != nil {
				return err
			}
			label := "places"
			if group != "" {
				label = "mentions"
			}
			t.row(fmt.Sprintf("/features.geojson, %s, %s (limit 1000)", label, b.name), fmt.Sprintf("p50 %s, p99 %s", ms(l.p50), ms(l.p99)),
				fmt.Sprintf("%d features, %d KB gzipped", countFeatures(client, u), l.bytes/1024))
		}
	}
	if err := benchTiles(t, client, srv); err != nil {
		return err
	}
	for _, c := range []struct{ name, query string }{
		{"the whole range by day (the time slider's histogram)", "interval=day"},
		{"France by week, mentions of confidence 0.5 or more", "interval=week&country=FR&min_confidence=0.5"},
		{"a search (\"firefighters\") by month", "interval=month&q=firefighters"},
	} {
		l, err := measure(client, []string{srv.base + "/timeline?" + c.query}, 20, true)
		if err != nil {
			return err
		}
		t.row("/timeline, "+c.name, fmt.Sprintf("p50 %s, p99 %s", ms(l.p50), ms(l.p99)), fmt.Sprintf("%d bytes gzipped", l.bytes))
	}
	if wrkSeconds > 0 {
		tileURL := srv.base + "/tiles/5/16/10.mvt"
		featURL := srv.base + "/features.geojson?bbox=-5,42,8.5,51.2"
		for _, c := range []int{2, 16} {
			for _, u := range []struct{ name, url string }{{"tiles", tileURL}, {"features (France)", featURL}} {
				rps, err := runWrk(u.url, c, wrkSeconds)
				if err != nil {
					t.row(fmt.Sprintf("wrk %s, %d connections", u.name, c), "not run", err.Error())
					continue
				}
				t.row(fmt.Sprintf("wrk %s, %d connections", u.name, c), fmt.Sprintf("%.0f requests/s", rps), "")
			}
		}
	}
	return nil
}

// benchTiles measures tiles over z0-z14 along a path of dense places,
// cold (a filter never asked before, so the cluster index is built) and
// warm.
func benchTiles(t *table, client *http.Client, srv *benchServer) error {
	base := srv.base
	var urls []string
	for _, p := range []orb.Point{{2.35, 48.85}, {77.2, 28.6}, {-74, 40.7}, {139.7, 35.7}} {
		for z := 0; z <= 14; z++ {
			tile := maptile.At(p, maptile.Zoom(z))
			urls = append(urls, fmt.Sprintf("%s/tiles/%d/%d/%d.mvt", base, z, tile.X, tile.Y))
		}
	}
	if err := srv.waitColumns(); err != nil {
		return err
	}
	t.row("mention columns loaded (in the background, after ready)", srv.columnsTook, "")
	rssBefore := srv.rssMB("VmRSS")
	for _, c := range []struct{ name, query string }{
		{"min_confidence", "min_confidence=0.0%d"},
		{"a month", "from=2025-%02d-01&to=2025-%02d-01"},
		{"the whole range", "from=2024-12-%02d&to=2027-01-01"},
	} {
		var cold []string
		for i := 1; i <= 5; i++ {
			q := fmt.Sprintf(c.query, i)
			if c.name == "a month" {
				q = fmt.Sprintf(c.query, i, i+1)
			}
			cold = append(cold, fmt.Sprintf("%s/tiles/3/4/2.mvt?%s", srv.base, q))
		}
		lc, err := measure(client, cold, 1, true)
		if err != nil {
			return err
		}
		t.row("tile, cold: a new filter, "+c.name, fmt.Sprintf("p50 %s, p99 %s", ms(lc.p50), ms(lc.p99)), "")
	}
	t.row("RSS growth per cached filter", fmt.Sprintf("%.1f MB", (srv.rssMB("VmRSS")-rssBefore)/15), "15 new filters cached, garbage included")
	lw, err := measure(client, urls, 10, true)
	if err != nil {
		return err
	}
	t.row("tile, warm, z0-z14", fmt.Sprintf("p50 %s, p99 %s", ms(lw.p50), ms(lw.p99)), fmt.Sprintf("%d bytes gzipped on average", lw.bytes))
	return nil
}

// countFeatures returns how many features a GeoJSON URL answers with.
func countFeatures(client *http.Client, u string) int {
	res, err := client.Get(u)
	if err != nil {
		return -1
	}
	defer res.Body.Close()
	var fc struct{ Features []json.RawMessage }
	if json.NewDecoder(res.Body).Decode(&fc) != nil {
		return -1
	}
	return len(fc.Features)
}
