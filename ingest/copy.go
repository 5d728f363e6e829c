package ingest

import (
	"context"
	"fmt"
	"io"
	"time"

	"mentionmap/geo"
)

// Exporter is a store that can hand over everything it holds.
type Exporter interface {
	geo.ArticleStore
	Export(ctx context.Context, after int64, fn func(*geo.Article) error) error
	CountArticles(ctx context.Context) (int, error)
}

// Importer is a store that can tell which articles it has already.
type Importer interface {
	geo.ArticleStore
	Known(ctx context.Context, hashes []string) (map[string]bool, error)
	CountArticles(ctx context.Context) (int, error)
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
	counts := func(s interface {
		geo.ArticleStore
		CountArticles(context.Context) (int, error)
	}) (a, m, p int, err error) {
		if a, err = s.CountArticles(ctx); err == nil {
			if m, err = s.CountMentions(ctx, geo.Filter{}); err == nil {
				p, err = s.CountPlaces(ctx, geo.Filter{})
			}
		}
		return
	}
	fa, fm, fp, err := counts(from)
	if err != nil {
		return err
	}
	ta, tm, tp, err := counts(to)
	if err != nil {
		return err
	}
	if fa != ta || fm != tm || fp != tp {
		return fmt.Errorf("the counts differ: %d articles, %d mentions, %d places copied from; %d, %d, %d in the copy", fa, fm, fp, ta, tm, tp)
	}
	fmt.Fprintf(w, "the counts match: %d articles, %d mentions, %d places\n", ta, tm, tp)
	return nil
}
