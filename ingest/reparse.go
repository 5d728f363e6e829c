package ingest

import (
	"context"
	"fmt"
	"io"

	"mentionmap/geo"
)

// Reparsed is a store whose articles a reparse parses again.
type Reparsed interface {
	geo.ArticleStore
	geo.SourceHistory
	geo.Reviser
}

// reparseBatch is how many articles a reparse revises per transaction.
const reparseBatch = 500

// Reparse parses the stored articles after id from again with p, in the
// order they were stored, as ingest parsed them, and revises their
// mentions (geo.Revise): what analysts corrected holds, and p follows
// their corrections. It reports progress to w after each batch, with the
// id to resume from; parsing an article again that is already revised
// changes nothing, so a second run reports no change.
func Reparse(ctx context.Context, store Reparsed, p geo.Geoparser, from int64, w io.Writer) (geo.RevisionCounts, error) {
	var total geo.RevisionCounts
	if err := teachCorrections(ctx, store, p); err != nil {
		return total, err
	}
	last, err := store.LastArticleID(ctx)
	if err != nil {
		return total, err
	}
	for start := from + 1; start <= last; start += reparseBatch {
		end := min(start+reparseBatch-1, last)
		n, err := reparseRange(ctx, store, p, start, end)
		total.Add(n)
		if err != nil {
			return total, fmt.Errorf("reparse: articles %d to %d: %w (resume with --from %d)", start, end, err, start-1)
		}
		fmt.Fprintf(w, "reparse: %d articles, up to id %d of %d: %s (resume with --from %d)\n", total.Articles, end, last, countsText(total), end)
	}
	fmt.Fprintf(w, "reparse: done: %d articles: %s\n", total.Articles, countsText(total))
	return total, nil
}

// reparseRange revises the articles with ids start to end.
func reparseRange(ctx context.Context, store Reparsed, p geo.Geoparser, start, end int64) (geo.RevisionCounts, error) {
	var counts geo.RevisionCounts
	var arts []*geo.Article
	for id := start; id <= end; id++ {
		a, err := store.Article(ctx, id, geo.MaxMentions, 0)
		switch {
		case geo.ErrorCode(err) == geo.ENOTFOUND: // ids have gaps
		case err != nil:
			return counts, err
		default:
			arts = append(arts, a)
		}
	}
	ids := make([]int64, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	held, err := store.HeldSpans(ctx, ids)
	if err != nil {
		return counts, err
	}
	revs := make([]geo.Revision, 0, len(arts))
	for _, a := range arts {
		rev, n := geo.Revise(a, geo.ParseAgain(p, a), held[a.ID])
		revs = append(revs, rev)
		counts.Add(n)
	}
	return counts, store.ApplyRevisions(ctx, revs)
}

func countsText(c geo.RevisionCounts) string {
	return fmt.Sprintf("%d mentions unchanged, %d moved to another place, %d found anew, %d no longer found, %d held by corrections, %d with their article's focus changed",
		c.Unchanged, c.Moved, c.Added, c.Removed, c.Held, c.Refocused)
}
