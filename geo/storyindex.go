package geo

import "math"

// StoryIndex finds the stories of new articles among indexed ones, by
// their LSH bands. A store fills it in one of two ways: with the stored
// articles that share a band with a batch (Add), or as a window of the
// newest articles, kept in memory between batches (NewStoryWindow). Choose
// then picks each new article's story, in order, and Index adds the
// article for the ones after it.
//
// The articles sit in one slice of slots, a ring in a window, so that
// Choose reads candidates' signatures without chasing pointers: with
// boilerplate, an article has hundreds of candidates.
type StoryIndex struct {
	limit  int // the most articles kept; 0 for no limit
	slots  []storySlot
	next   int // in a full window, the oldest slot: the next to reuse
	byID   map[int64]int32
	byBand map[int64][]int32 // slots, oldest article first
	hot    map[int64]bool    // bands Index trimmed to MaxBandArticles
	mark   []uint32          // Choose's: the call that last read each slot
	call   uint32
}

type storySlot struct {
	id, story int64
	sig       Signature
}

// StoryWindow is how many of the newest articles an in-memory index
// keeps: a reprint is found when its original is among them. It holds
// about 50 MB.
const StoryWindow = 100_000

// NewStoryIndex returns an empty index without a limit, for one batch.
func NewStoryIndex() *StoryIndex { return NewStoryWindow(0) }

// NewStoryWindow returns an empty index that keeps the limit newest
// articles it is given (0: all of them).
func NewStoryWindow(limit int) *StoryIndex {
	return &StoryIndex{limit: limit, byID: map[int64]int32{}, byBand: map[int64][]int32{}, hot: map[int64]bool{}}
}

// StoryCandidate is a stored article that shares a band with a new one.
type StoryCandidate struct {
	ID, Story int64
	Signature Signature
}

// Add indexes a stored article under one of its bands.
func (x *StoryIndex) Add(band int64, c StoryCandidate) {
	s, ok := x.byID[c.ID]
	if !ok {
		s = x.take(c.ID, c.Story, &c.Signature)
	}
	x.byBand[band] = append(x.byBand[band], s)
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
	x.call++
	if x.call == 0 { // wrapped: no mark may look current
		clear(x.mark)
		x.call = 1
	}
	need, story := storyMatches, int64(0)
	for _, b := range sig.Bands() {
		slots := x.byBand[b]
		if len(slots) > MaxBandArticles { // boilerplate: the newest only, as a store keeps
			slots = slots[len(slots)-MaxBandArticles:]
		}
		for _, s := range slots {
			if x.mark[s] == x.call {
				continue
			}
			x.mark[s] = x.call
			c := &x.slots[s]
			n := matches(sig, &c.sig, need)
			if n > need || n == need && (story == 0 || c.story < story) {
				need, story = n, c.story
			}
		}
	}
	return story
}

// storyMatches is StoryThreshold as a number of equal MinHashes.
var storyMatches = int(math.Ceil(StoryThreshold * MinHashes))

// matches counts the equal values of a and b, or returns -1 as soon as
// fewer than need can be.
func matches(a, b *Signature, need int) int {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		} else if n+len(a)-i-1 < need {
			return -1
		}
	}
	return n
}

// Index adds new article id, of story, under the bands of its signature.
// A band keeps its newest MaxBandArticles articles, and a window its
// newest articles.
func (x *StoryIndex) Index(id, story int64, sig *Signature) {
	if sig == nil {
		return
	}
	if _, ok := x.byID[id]; ok {
		return
	}
	s := x.take(id, story, sig)
	for _, b := range sig.Bands() {
		slots := append(x.byBand[b], s)
		if len(slots) > MaxBandArticles {
			slots = append(slots[:0], slots[len(slots)-MaxBandArticles:]...)
			x.hot[b] = true
		}
		x.byBand[b] = slots
	}
}

// take gives an article a slot: a new one, or in a full window the
// oldest article's.
func (x *StoryIndex) take(id, story int64, sig *Signature) int32 {
	var s int32
	if x.limit == 0 || len(x.slots) < x.limit {
		s = int32(len(x.slots))
		x.slots = append(x.slots, storySlot{})
		x.mark = append(x.mark, 0)
	} else {
		s = int32(x.next)
		x.next = (x.next + 1) % x.limit
		x.evict(s)
	}
	x.slots[s] = storySlot{id: id, story: story, sig: *sig}
	x.byID[id] = s
	return s
}

// evict takes slot s's article out of the index.
func (x *StoryIndex) evict(s int32) {
	old := &x.slots[s]
	delete(x.byID, old.id)
	for _, b := range old.sig.Bands() {
		slots := x.byBand[b]
		for i, v := range slots {
			if v == s {
				slots = append(slots[:i], slots[i+1:]...)
				break
			}
		}
		if len(slots) == 0 {
			delete(x.byBand, b)
		} else {
			x.byBand[b] = slots
		}
	}
}
