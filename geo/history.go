package geo

import "slices"

// HistoryPicker chooses the articles a store replays for SourceHistory,
// so every store chooses alike: fed articles newest first, it keeps at
// most perSource of each source (SourceKey) and total in all.
type HistoryPicker struct {
	perSource, total int
	kept             map[string]int
	picked           []SourceArticle
}

// SourceArticle is an article picked for a source's history.
type SourceArticle struct {
	ID     int64
	Source string // its SourceKey
}

// NewHistoryPicker returns a picker with its limits.
func NewHistoryPicker(perSource, total int) *HistoryPicker {
	return &HistoryPicker{perSource: perSource, total: total, kept: map[string]int{}}
}

// Add considers the next article, newest first, and reports whether the
// picker wants more.
func (h *HistoryPicker) Add(id int64, source, url string) bool {
	if k := SourceKey(source, url); k != "" && h.kept[k] < h.perSource {
		h.kept[k]++
		h.picked = append(h.picked, SourceArticle{ID: id, Source: k})
	}
	return len(h.picked) < h.total
}

// Picked returns the chosen articles, oldest first, as a source's
// locality was learnt.
func (h *HistoryPicker) Picked() []SourceArticle {
	out := slices.Clone(h.picked)
	slices.Reverse(out)
	return out
}

// SourceArticles lists, in the order of ids, the articles to which keys
// gives a source key: those a store replays for Lessons.
func SourceArticles(ids []int64, keys map[int64]string) []SourceArticle {
	var out []SourceArticle
	for _, id := range ids {
		if k := keys[id]; k != "" {
			out = append(out, SourceArticle{ID: id, Source: k})
		}
	}
	return out
}

// LessonBook gathers the mentions that a store reads for articles, in
// any order, and replays them article by article, in the articles' order.
type LessonBook struct {
	arts     []SourceArticle
	mentions map[int64][]Mention
}

// NewLessonBook returns a book for arts.
func NewLessonBook(arts []SourceArticle) *LessonBook {
	return &LessonBook{arts: arts, mentions: map[int64][]Mention{}}
}

// IDs are the articles' ids, for the store's query.
func (b *LessonBook) IDs() []int64 {
	ids := make([]int64, len(b.arts))
	for i, a := range b.arts {
		ids[i] = a.ID
	}
	return ids
}

// Add records a mention of an article, in the article's order.
func (b *LessonBook) Add(article int64, m Mention) {
	b.mentions[article] = append(b.mentions[article], m)
}

// Replay calls fn for each article, with its source and mentions.
func (b *LessonBook) Replay(fn func(source string, ms []Mention) error) error {
	for _, a := range b.arts {
		if err := fn(a.Source, b.mentions[a.ID]); err != nil {
			return err
		}
	}
	return nil
}
