package main

import (
	"bytes"
	"context"
	"embed"
	"io/fs"
	"time"

	"mentionmap/geo"
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
	for _, name := range demoFiles() {
		b, err := demo.ReadFile(name)
		if err != nil {
			return err
		}
		var bad error
		err = decodeFile(name, bytes.NewReader(b), sink{
			ok: func(a *geo.Article) error {
				if a.Published == nil {
					a.Published, a.Source = &demoPublished, "demo sample"
				}
				_, err := geo.Ingest(ctx, s, p, a)
				return err
			},
			bad: func(err error) { bad = err }, // our own files: any bad record is a bug
		})
		if err == nil {
			err = bad
		}
		if err != nil {
			return err
		}
	}
	return nil
}
