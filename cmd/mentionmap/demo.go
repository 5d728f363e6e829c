package main

import (
	"bytes"
	"context"
	"embed"
	"io"
	"io/fs"
	"time"

	"mentionmap/geo"
	"mentionmap/ingest"
)

// demo holds the bundled demo articles: short news items written for the
// project, and one longer sample article.
//
//go:embed demo
var demo embed.FS

func demoFiles() []string {
	names, _ := fs.Glob(demo, "demo/*")
	return names
}

// demoPublished dates the sample article, which has no metadata of its own.
var demoPublished = time.Date(2021, 9, 11, 15, 6, 0, 0, time.UTC)

// ingestDemo stores the demo articles; already stored ones are skipped.
func ingestDemo(ctx context.Context, s geo.ArticleStore, p geo.Geoparser) error {
	b := ingest.NewBatcher(ctx, s, p, ingest.NewReport(io.Discard), 0)
	var bad error
	out := ingest.Sink{
		OK: func(a *geo.Article) error {
			if a.Published == nil {
				a.Published, a.Source = &demoPublished, "demo sample"
			}
			return b.Add(a)
		},
		Bad: func(err error) { bad = err }, // our own files: any bad record is a bug
	}
	for _, name := range demoFiles() {
		body, err := demo.ReadFile(name)
		if err != nil {
			return err
		}
		if err := ingest.DecodeFile(name, bytes.NewReader(body), out); err != nil {
			return err
		}
	}
	if err := b.Finish(); err != nil {
		return err
	}
	return bad
}
