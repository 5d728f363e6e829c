package ingest

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"mentionmap/feeds"
)

// Reader reads sources into a Sink.
type Reader struct {
	Fetcher *feeds.Fetcher // for feeds and pages, in files or at URLs
	Stdin   io.Reader      // the source "-"
}

// Read reads articles from a file, every file below a directory, a feed or
// page (file or URL), or stdin ("-", read as JSON lines). A source that
// cannot be read is reported and skipped; only an error from out.OK (a
// store failure) stops the run.
func (rd *Reader) Read(ctx context.Context, src string, out Sink) error {
	if src == "-" {
		return DecodeFile("stdin.jsonl", rd.Stdin, out)
	}
	if feeds.IsSource(src) || isJSONFeedFile(src) {
		arts, refused, err := rd.Fetcher.Read(ctx, src)
		if err != nil {
			out.Bad(fmt.Errorf("%s: %w", feeds.Redact(src), err))
			return nil
		}
		for _, r := range refused {
			out.Refused(r)
		}
		for _, a := range arts {
			if err := out.OK(a); err != nil {
				return err
			}
		}
		return nil
	}
	info, err := os.Stat(src)
	if err != nil {
		out.Bad(err)
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
		if err := rd.Read(ctx, f, out); err != nil {
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

func readArticleFile(path string, out Sink) error {
	f, err := os.Open(path)
	if err != nil {
		out.Bad(err)
		return nil
	}
	defer f.Close()
	return DecodeFile(path, f, out)
}
