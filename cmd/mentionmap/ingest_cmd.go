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

	"mentionmap/feeds"
	"mentionmap/geo"
)

func runIngest(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	dbPath := fs.String("db", "mentionmap.db", "SQLite database file")
	gazPath := fs.String("gazetteer", "", "gazetteer file (default: the embedded one)")
	allowPrivate := fs.Bool("allow-private-fetch", false, "fetch links that feeds lead to on loopback and private addresses too")
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	env.fetcher().AllowPrivate = *allowPrivate
	if fs.NArg() == 0 {
		return fmt.Errorf("ingest: name files, directories or - for stdin")
	}
	g, store, err := openAll(ctx, env.logger(), *gazPath, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	upTo, err := store.LastArticleID(ctx)
	if err == nil {
		err = relearnSources(ctx, env.logger(), store, g, upTo)
	}
	if err != nil {
		return err
	}
	p := newProgress(env.stderr)
	b := &batcher{ctx: ctx, store: store, parser: g, progress: p}
	out := sink{ok: b.add, bad: func(err error) { p.add(false, 0, err) }, refused: p.refuse}
	for _, src := range fs.Args() {
		if err := ingestSource(ctx, env, src, out); err != nil {
			b.finish()
			p.done()
			return err
		}
	}
	err = b.finish()
	p.done()
	if err != nil {
		return err
	}
	if p.failed > 0 {
		return fmt.Errorf("%d articles failed", p.failed)
	}
	return nil
}

// ingestSource reads articles from a file, every file below a directory,
// a feed or page (file or URL), or stdin ("-", read as JSON lines).
// A source that cannot be read is reported and skipped; only a store
// failure stops the run.
func ingestSource(ctx context.Context, env *cmdEnv, src string, out sink) error {
	if src == "-" {
		return decodeFile("stdin.jsonl", env.stdin, out)
	}
	if feeds.IsSource(src) || isJSONFeedFile(src) {
		arts, refused, err := env.fetcher().Read(ctx, src)
		if err != nil {
			out.bad(fmt.Errorf("%s: %w", feeds.Redact(src), err))
			return nil
		}
		for _, r := range refused {
			out.refused(r)
		}
		for _, a := range arts {
			if err := out.ok(a); err != nil {
				return err
			}
		}
		return nil
	}
	info, err := os.Stat(src)
	if err != nil {
		out.bad(err)
		return nil
	}
	if !info.IsDir() {
		return readArticleFile(src, out)
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
		if err := ingestSource(ctx, env, f, out); err != nil {
			return err
		}
	}
	return nil
}

func articleExt(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".md", ".json", ".jsonl", ".ndjson", ".xml", ".rss", ".atom", ".html", ".htm":
		return true
	}
	return false
}

// isJSONFeedFile reports whether a .json file is a JSON Feed.
func isJSONFeedFile(path string) bool {
	if strings.ToLower(filepath.Ext(path)) != ".json" {
		return false
	}
	b, err := os.ReadFile(path)
	return err == nil && feeds.IsJSONFeed(b)
}

func readArticleFile(path string, out sink) error {
	f, err := os.Open(path)
	if err != nil {
		out.bad(err)
		return nil
	}
	defer f.Close()
	return decodeFile(path, f, out)
}

// progress reports on stderr every few seconds and at the end.
type progress struct {
	w                                       io.Writer
	start, last                             time.Time
	created, existed, failed, ment, refused int
}

// refuse reports a link that was not fetched.
func (p *progress) refuse(link string) {
	p.refused++
	fmt.Fprintf(p.w, "refused link: %s\n", link)
}

func newProgress(w io.Writer) *progress {
	now := time.Now()
	return &progress{w: w, start: now, last: now}
}

func (p *progress) add(created bool, mentions int, err error) {
	switch {
	case err != nil:
		p.failed++
		fmt.Fprintf(p.w, "skipped: %s\n", message(err))
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
	refused := ""
	if p.refused > 0 {
		refused = fmt.Sprintf("; %d links refused (--allow-private-fetch fetches them)", p.refused)
	}
	fmt.Fprintf(p.w, "ingested %d new articles with %d mentions; %d already stored; %d failed%s; in %s\n",
		p.created, p.ment, p.existed, p.failed, refused, time.Since(p.start).Round(time.Millisecond))
}

// message is an error's text for the user: the message of an application
// error, or the error itself (file and line errors name their place).
func message(err error) string {
	if geo.ErrorCode(err) == geo.EINTERNAL {
		return err.Error()
	}
	return geo.ErrorMessage(err)
}
