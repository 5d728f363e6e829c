package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"mentionmap/data"
	"mentionmap/geo"
)

func runIngest(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	dbPath := fs.String("db", "mentionmap.db", "SQLite database file")
	gazPath := fs.String("gazetteer", "", "gazetteer file (default: the embedded one)")
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("ingest: name files, directories or - for stdin")
	}
	g, err := loadGazetteer(env.logger(), *gazPath)
	if err != nil {
		return err
	}
	store, err := data.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	p := newProgress(env.stderr)
	for _, src := range fs.Args() {
		if err := ingestSource(ctx, env, src, func(a *geo.Article) error {
			created, err := geo.Ingest(ctx, store, g, a)
			p.add(created, len(a.Mentions), err)
			if geo.ErrorCode(err) == geo.EINTERNAL {
				return err // the store failed: stop
			}
			return nil // bad articles are reported and skipped
		}); err != nil {
			p.done()
			return err
		}
	}
	p.done()
	if p.failed > 0 {
		return fmt.Errorf("%d articles failed", p.failed)
	}
	return nil
}

// ingestSource reads articles from a file, every file below a directory,
// or stdin ("-", read as JSON lines).
func ingestSource(ctx context.Context, env *cmdEnv, src string, fn func(*geo.Article) error) error {
	if src == "-" {
		return decodeFile("stdin.jsonl", env.stdin, fn)
	}
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return readArticleFile(src, fn)
	}
	var files []string
	err = filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && articleExt(path) {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := readArticleFile(f, fn); err != nil {
			return err
		}
	}
	return nil
}

func articleExt(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".md", ".json", ".jsonl", ".ndjson":
		return true
	}
	return false
}

func readArticleFile(path string, fn func(*geo.Article) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return decodeFile(path, f, fn)
}

// progress reports on stderr every few seconds and at the end.
type progress struct {
	w                              io.Writer
	start, last                    time.Time
	created, existed, failed, ment int
}

func newProgress(w io.Writer) *progress {
	now := time.Now()
	return &progress{w: w, start: now, last: now}
}

func (p *progress) add(created bool, mentions int, err error) {
	switch {
	case err != nil:
		p.failed++
		fmt.Fprintf(p.w, "skipped: %s\n", geo.ErrorMessage(err))
	case created:
		p.created++
		p.ment += mentions
	default:
		p.existed++
	}
	if time.Since(p.last) > 2*time.Second {
		p.last = time.Now()
		fmt.Fprintf(p.w, "... %d articles (%.0f/s), %d mentions\n", p.created+p.existed,
			float64(p.created+p.existed)/time.Since(p.start).Seconds(), p.ment)
	}
}

func (p *progress) done() {
	fmt.Fprintf(p.w, "ingested %d new articles with %d mentions; %d already stored; %d failed; in %s\n",
		p.created, p.ment, p.existed, p.failed, time.Since(p.start).Round(time.Millisecond))
}
