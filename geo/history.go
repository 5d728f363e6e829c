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
