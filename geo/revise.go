package geo

import (
	"context"
	"slices"
)

// A reparse (mentionmap reparse) parses stored articles again with the
// current gazetteer and geoparser, after an upgrade, and revises their
// stored mentions: what an analyst corrected is held as it is.

// Revision is what parsing an article again changes of its mentions.
type Revision struct {
	Article *Article  // with its ID, text and time
	Update  []Mention // stored mentions (by ID) that now name another place
	Insert  []Mention // names found now and not before
	Delete  []int64   // stored mentions not found now
}

// RevisionCounts sums what revisions change, for a reparse's report.
type RevisionCounts struct {
	Articles, Unchanged, Moved, Added, Removed, Held int
	Refocused                                        int // same place, focus changed
}

// Add sums o into c.
func (c *RevisionCounts) Add(o RevisionCounts) {
	c.Articles += o.Articles
	c.Unchanged += o.Unchanged
	c.Moved += o.Moved
	c.Added += o.Added
	c.Removed += o.Removed
	c.Held += o.Held
	c.Refocused += o.Refocused
}

// Span is a mention's [start, end) in its article's text.
type Span [2]int

// Revise compares a's stored mentions with a new parse of it. Mentions
// match by their span. A span that held names (a mention with a
// correction in force, kept or marked "not a place") is left as it is.
func Revise(a *Article, parsed []Mention, held map[Span]bool) (Revision, RevisionCounts) {
	type span = Span
	rev := Revision{Article: a}
	counts := RevisionCounts{Articles: 1}
	old := make(map[span]*Mention, len(a.Mentions))
	for i := range a.Mentions {
		m := &a.Mentions[i]
		old[span{m.Start, m.End}] = m
	}
	seen := map[span]bool{}
	for _, m := range parsed {
		k := span{m.Start, m.End}
		seen[k] = true
		was, ok := old[k]
		switch {
		case held[k]:
			counts.Held++
		case !ok:
			rev.Insert = append(rev.Insert, m)
			counts.Added++
		case was.Place.Key == m.Place.Key && was.Focus == m.Focus:
			counts.Unchanged++
		case was.Place.Key == m.Place.Key:
			m.ID = was.ID
			rev.Update = append(rev.Update, m)
			counts.Refocused++
		default:
			m.ID = was.ID
			rev.Update = append(rev.Update, m)
			counts.Moved++
		}
	}
	for k, was := range old {
		switch {
		case seen[k]:
		case held[k]:
			counts.Held++
		default:
			rev.Delete = append(rev.Delete, was.ID)
			counts.Removed++
		}
	}
	slices.Sort(rev.Delete)
	return rev, counts
}

// Empty reports whether the revision changes nothing.
func (r *Revision) Empty() bool { return len(r.Update)+len(r.Insert)+len(r.Delete) == 0 }

// Reviser is a store whose articles can be parsed again. Both stores
// implement it.
type Reviser interface {
	// HeldSpans lists, by article, the spans of the mentions of articles
	// ids that a correction in force holds, marked "not a place" or not.
	HeldSpans(ctx context.Context, ids []int64) (map[int64]map[Span]bool, error)
	// ApplyRevisions applies revisions in one transaction, counts the
	// totals of the places they touch again, and logs the articles as
	// revised. A mention corrected since it was read is left alone.
	ApplyRevisions(ctx context.Context, revs []Revision) error
}

// ParseAgain parses a stored article as ingest did: as its source's,
// keeping the first MaxMentions mentions.
func ParseAgain(p Geoparser, a *Article) []Mention {
	b := Article{Title: a.Title, Text: a.Text}
	parseInto(p, SourceKey(a.Source, a.URL), &b)
	return b.Mentions
}
