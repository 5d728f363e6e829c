package geo

// StoryIndex finds the stories of new articles among indexed ones, by
// their LSH bands. A store fills it in one of two ways: with the stored
// articles that share a band with a batch (Add), or as a window of the
// newest articles, kept in memory between batches (NewStoryWindow). Choose
// then picks each new article's story, in order, and Index adds the
// article for the ones after it.
type StoryIndex struct {
	limit  int // the most articles kept; 0 for no limit
	byID   map[int64]*storyEntry
	byBand map[int64][]int64 // article ids, oldest first
	order  []int64           // indexed ids, oldest first from head, for the window
	head   int
	hot    map[int64]bool // bands Index trimmed to MaxBandArticles
	seen   map[int64]bool // Choose's, kept to spare an allocation a call
}

type storyEntry struct {
	story int64
	sig   Signature
}

// StoryWindow is how many of the newest articles an in-memory index
// keeps: a reprint is found when its original is among them. It holds
// about 80 MB.
const StoryWindow = 100_000

// NewStoryIndex returns an empty index without a limit, for one batch.
func NewStoryIndex() *StoryIndex { return NewStoryWindow(0) }

// NewStoryWindow returns an empty index that keeps the limit newest
// articles it is given (0: all of them).
func NewStoryWindow(limit int) *StoryIndex {
	return &StoryIndex{limit: limit, byID: map[int64]*storyEntry{}, byBand: map[int64][]int64{},
		hot: map[int64]bool{}, seen: map[int64]bool{}}
}

// StoryCandidate is a stored article that shares a band with a new one.
type StoryCandidate struct {
	ID, Story int64
	Signature Signature
}

// Add indexes a stored article under one of its bands.
func (x *StoryIndex) Add(band int64, c StoryCandidate) {
	if x.byID[c.ID] == nil {
		x.byID[c.ID] = &storyEntry{story: c.Story, sig: c.Signature}
		x.order = append(x.order, c.ID)
	}
	x.byBand[band] = append(x.byBand[band], c.ID)
}

// Len is the number of articles indexed.
func (x *StoryIndex) Len() int { return len(x.byID) }

// Hot lists the bands that Index found holding MaxBandArticles articles
// already, for a store to keep only the newest of.
func (x *StoryIndex) Hot() []int64 {
	out := make([]int64, 0, len(x.hot))
	for b := range x.hot {
		out = append(out, b)
	}
	return out
}

// Choose returns the story of a new article whose text has signature sig
// among the indexed articles: that of the most similar one at
// StoryThreshold or above, the oldest story on a tie; 0 when it starts its
// own.
func (x *StoryIndex) Choose(sig *Signature) int64 {
	if sig == nil {
		return 0
	}
	seen := x.seen
	clear(seen)
	best, story := StoryThreshold, int64(0)
	for _, b := range sig.Bands() {
		ids := x.byBand[b]
		if len(ids) > MaxBandArticles { // boilerplate: the newest only, as a store keeps
			ids = ids[len(ids)-MaxBandArticles:]
		}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			e := x.byID[id]
			sim := Similarity(sig, &e.sig)
			if sim > best || sim == best && (story == 0 || e.story < story) {
				best, story = sim, e.story
			}
		}
	}
	return story
}

// Index adds new article id, of story, under the bands of its signature.
// A band keeps its newest MaxBandArticles articles, and a window its
// newest articles.
func (x *StoryIndex) Index(id, story int64, sig *Signature) {
	if sig == nil || x.byID[id] != nil {
		return
	}
	x.byID[id] = &storyEntry{story: story, sig: *sig}
	x.order = append(x.order, id)
	for _, b := range sig.Bands() {
		ids := append(x.byBand[b], id)
		if len(ids) > MaxBandArticles {
			ids = append(ids[:0], ids[len(ids)-MaxBandArticles:]...)
			x.hot[b] = true
		}
		x.byBand[b] = ids
	}
	for x.limit > 0 && len(x.byID) > x.limit {
		x.evictOldest()
	}
}

// evictOldest drops the oldest article of a window.
func (x *StoryIndex) evictOldest() {
	id := x.order[x.head]
	x.head++
	if x.head > len(x.order)/2 { // reuse the front half
		x.order = append(x.order[:0], x.order[x.head:]...)
		x.head = 0
	}
	e := x.byID[id]
	delete(x.byID, id)
	for _, b := range e.sig.Bands() {
		ids := x.byBand[b]
		for i, v := range ids {
			if v == id {
				ids = append(ids[:i], ids[i+1:]...)
				break
			}
		}
		if len(ids) == 0 {
			delete(x.byBand, b)
		} else {
			x.byBand[b] = ids
		}
	}
}
