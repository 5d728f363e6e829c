package ingest

import (
	"context"
	"fmt"
	"io"
	"time"

	"mentionmap/geo"
)

// counted is a store that can count its articles.
type counted interface {
	geo.ArticleStore
	CountArticles(ctx context.Context) (int, error)
}

// Exporter is a store that can hand over everything it holds.
type Exporter interface {
	counted
	Export(ctx context.Context, after int64, fn func(*geo.Article) error) error
}

// Importer is a store that can tell which articles it has already.
type Importer interface {
	counted
	Known(ctx context.Context, hashes []string) (map[string]bool, error)
}

// copyBatch is how many articles a copy stores per transaction.
const copyBatch = 1000

// Copy copies every article of from, with its mentions as stored (nothing
// is geoparsed again), into to, reporting progress to w. Articles that to
// holds already are skipped, so a copy that was interrupted resumes where
// it stopped, and a second copy adds nothing. At the end it checks that
// to holds every article, mention and place of from.
func Copy(ctx context.Context, from Exporter, to Importer, w io.Writer) error {
	total, err := from.CountArticles(ctx)
	if err != nil {
		return err
	}
	start, done, skipped := time.Now(), 0, 0
	var batch []*geo.Article
	flush := func() error {
		n, err := copyArticles(ctx, to, batch)
		done, skipped, batch = done+len(batch), skipped+len(batch)-n, batch[:0]
		fmt.Fprintf(w, "copied %d of %d articles (%d were there already), %.0f articles/s\n",
			done, total, skipped, float64(done)/time.Since(start).Seconds())
		return err
	}
	err = from.Export(ctx, 0, func(a *geo.Article) error {
		if batch = append(batch, a); len(batch) == copyBatch {
			return flush()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	if err != nil {
		return err
	}
	return checkCopy(ctx, from, to, w)
}

// copyArticles stores the articles that to lacks, and returns how many.
func copyArticles(ctx context.Context, to Importer, arts []*geo.Article) (int, error) {
	hashes := make([]string, len(arts))
	for i, a := range arts {
		hashes[i] = geo.ContentHash(a.Text)
	}
	known, err := to.Known(ctx, hashes)
	if err != nil {
		return 0, err
	}
	var fresh []*geo.Article
	for i, a := range arts {
		if !known[hashes[i]] {
			fresh = append(fresh, a)
		}
	}
	if len(fresh) == 0 {
		return 0, nil
	}
	_, err = to.IngestBatch(ctx, fresh)
	return len(fresh), err
}

// checkCopy compares what the two stores hold.
func checkCopy(ctx context.Context, from Exporter, to Importer, w io.Writer) error {
	f, err := totals(ctx, from)
	if err != nil {
		return err
	}
	t, err := totals(ctx, to)
	if err != nil {
		return err
	}
	if f != t {
		return fmt.Errorf("the counts differ: %d articles, %d mentions, %d places copied from; %d, %d, %d in the copy",
			f[0], f[1], f[2], t[0], t[1], t[2])
	}
	fmt.Fprintf(w, "the counts match: %d articles, %d mentions, %d places\n", t[0], t[1], t[2])
	return nil
}

// totals counts a store's articles, mentions and places.
func totals(ctx context.Context, s counted) (n [3]int, err error) {
	if n[0], err = s.CountArticles(ctx); err == nil {
		if n[1], err = s.CountMentions(ctx, geo.Filter{}); err == nil {
			n[2], err = s.CountPlaces(ctx, geo.Filter{})
		}
	}
	return n, err
}
