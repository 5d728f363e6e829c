package geo

import (
	"math"
	"math/bits"
	"slices"
)

// StoryIndex finds the stories of new articles among indexed ones, by
// their LSH bands: a store keeps a window of the newest articles in
// memory between batches (NewStoryWindow), or indexes a batch alone
// (NewStoryIndex). Choose picks each new article's story, in order, and
// Index adds the article for the ones after it.
//
// The articles sit in one slice of slots, a ring in a window, so that
// Choose reads candidates' signatures without chasing pointers: with
// boilerplate, an article has hundreds of candidates. Most bands hold one
// article, so a band maps to its slot alone, or else to a list; the map
// keys bands by their low 32 bits, since a candidate found through a
// colliding band is only compared for nothing.
type StoryIndex struct {
	limit     int // the most articles kept; 0 for no limit
	slots     []storySlot
	next      int // in a full window, the oldest slot: the next to reuse
	byID      map[int64]int32
	byBand    map[uint32]uint32 // a slot, or with listBit, the number of a list
	lists     [][]int32         // the slots of bands with more than one article, oldest first
	freeLists []uint32
	one       [1]int32 // band's answer for a band of one slot
	mark      []uint32 // Choose's: the call that last read each slot
	call      uint32
}

const listBit = 1 << 31

type storySlot struct {
	id, story int64
	sk        sketch
	sig       Signature
}

// StoryWindow is how many of the newest articles an in-memory index
// keeps: a reprint is found when its original is among them.
const StoryWindow = 100_000

// NewStoryIndex returns an empty index without a limit, for one batch.
func NewStoryIndex() *StoryIndex { return NewStoryWindow(0) }

// NewStoryWindow returns an empty index that keeps the limit newest
// articles it is given (0: all of them).
func NewStoryWindow(limit int) *StoryIndex {
	return &StoryIndex{limit: limit, byID: map[int64]int32{}, byBand: map[uint32]uint32{}}
}

// Len is the number of articles indexed.
func (x *StoryIndex) Len() int { return len(x.byID) }

// band returns the slots of band b, oldest first, until the next call.
func (x *StoryIndex) band(b int64) []int32 {
	v, ok := x.byBand[uint32(b)]
	switch {
	case !ok:
		return nil
	case v&listBit == 0:
		x.one[0] = int32(v)
		return x.one[:]
	}
	return x.lists[v&^listBit]
}

// addToBand appends slot s to band b, which keeps its newest
// MaxBandArticles.
func (x *StoryIndex) addToBand(b int64, s int32) {
	k := uint32(b)
	v, ok := x.byBand[k]
	switch {
	case !ok:
		x.byBand[k] = uint32(s)
	case v&listBit == 0:
		var n uint32
		if len(x.freeLists) > 0 {
			n, x.freeLists = x.freeLists[len(x.freeLists)-1], x.freeLists[:len(x.freeLists)-1]
		} else {
			n = uint32(len(x.lists))
			x.lists = append(x.lists, nil)
		}
		x.lists[n] = append(x.lists[n][:0], int32(v), s)
		x.byBand[k] = n | listBit
	default:
		l := append(x.lists[v&^listBit], s)
		if len(l) > MaxBandArticles {
			l = append(l[:0], l[len(l)-MaxBandArticles:]...)
		}
		x.lists[v&^listBit] = l
	}
}

// removeFromBand takes slot s out of band b, where a trimmed band may no
// longer hold it.
func (x *StoryIndex) removeFromBand(b int64, s int32) {
	k := uint32(b)
	v, ok := x.byBand[k]
	switch {
	case !ok:
	case v&listBit == 0:
		if int32(v) == s {
			delete(x.byBand, k)
		}
	default:
		n := v &^ listBit
		l := x.lists[n]
		if i := slices.Index(l, s); i >= 0 {
			l = slices.Delete(l, i, i+1)
		}
		x.lists[n] = l
		if len(l) == 1 {
			x.byBand[k] = uint32(l[0])
			x.lists[n] = l[:0]
			x.freeLists = append(x.freeLists, n)
		}
	}
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
	sk := sketchOf(sig)
	for _, b := range sig.Bands() {
		for _, s := range x.band(b) {
			if x.mark[s] == x.call {
				continue
			}
			x.mark[s] = x.call
			c := &x.slots[s]
			if c.sk.agree(&sk) < need {
				continue
			}
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

// sketch holds the two low bits of each of a signature's MinHashes. Two
// signatures agree on at least as many of these 2-bit groups as on
// hashes, and unrelated ones on about a quarter of them, so Choose drops
// most candidates that share a band of boilerplate without reading their
// signatures.
type sketch [2]uint64

// A sketch has room for 64 MinHashes; more fail to compile here.
const _ = uint(64 - MinHashes)

func sketchOf(s *Signature) sketch {
	var k sketch
	for i, v := range s {
		k[i/32] |= uint64(v&3) << (2 * (i % 32))
	}
	return k
}

// agree is an upper bound on the MinHashes that the signatures of a and
// b share: the number of their 2-bit groups that are equal.
func (a *sketch) agree(b *sketch) int {
	n := MinHashes
	for i := range a {
		x := a[i] ^ b[i]
		n -= bits.OnesCount64((x | x>>1) & 0x5555555555555555)
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
		x.addToBand(b, s)
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
	x.slots[s] = storySlot{id: id, story: story, sk: sketchOf(sig), sig: *sig}
	x.byID[id] = s
	return s
}

// evict takes slot s's article out of the index.
func (x *StoryIndex) evict(s int32) {
	old := &x.slots[s]
	delete(x.byID, old.id)
	for _, b := range old.sig.Bands() {
		x.removeFromBand(b, s)
	}
}
