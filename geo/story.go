package geo

import (
	"context"
	"encoding/binary"
	"unicode"
	"unicode/utf8"
)

// Stories: one wire story, reprinted by forty outlets, is one story, not
// forty. Ingest groups an article with a stored one whose text is nearly
// the same: the estimated Jaccard similarity of their sets of
// word 4-grams (shingles) is at least StoryThreshold. The estimate is a
// MinHash signature of MinHashes values; locality-sensitive hashing finds
// the candidates, as articles that share any of StoryBands bands of
// BandRows values. With 10 bands of 2, a pair at similarity 0.5 is a
// candidate 94 % of the time, and at 0.2, 33 %; a store keeps 10 rows of
// index per article.

const (
	shingleWords = 4
	MinHashes    = 60
	BandRows     = 2
	StoryBands   = 10
	// StoryThreshold is the least estimated similarity of two articles of
	// one story, chosen on testdata/story_pairs.jsonl (story_test.go).
	StoryThreshold = 0.5
	// minShingles is the fewest shingles a text needs to be grouped: a
	// short text is too easily like another.
	minShingles = 12
	// MaxBandArticles bounds the articles a store keeps under one band: a
	// band that more share comes from boilerplate (a template, a
	// newsletter footer), not from one story, and keeps only the newest.
	MaxBandArticles = 50
)

// Signature is a text's MinHash signature.
type Signature [MinHashes]uint32

// Sign returns the signature of text, and false when text is too short
// to be grouped.
func Sign(text string) (Signature, bool) {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	words := make([]uint64, 0, 256)
	n := 0
	forEachWord(text, func(w []byte) {
		h := uint64(fnvOffset)
		for _, c := range w { // FNV-1a
			h = (h ^ uint64(c)) * fnvPrime
		}
		words = append(words, h)
		if len(words) < shingleWords {
			return
		}
		sh := words[len(words)-shingleWords]
		for _, x := range words[len(words)-shingleWords+1:] {
			sh = mix(sh ^ x)
		}
		n++
		for i := range sig {
			if v := uint32(mix(sh ^ seeds[i])); v < sig[i] {
				sig[i] = v
			}
		}
	})
	return sig, n >= minShingles
}

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

// forEachWord calls fn with each run of letters and digits, folded to
// lower case; the bytes are fn's until it returns.
func forEachWord(text string, fn func([]byte)) {
	buf := make([]byte, 0, 32)
	for i := 0; i <= len(text); {
		r, size := utf8.RuneError, 1
		if i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if i < len(text) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		} else if len(buf) > 0 {
			fn(buf)
			buf = buf[:0]
		}
		i += size
	}
}

// Similarity estimates the Jaccard similarity of two signed texts.
func Similarity(a, b *Signature) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / MinHashes
}

// Bands are the signature's LSH bands: two texts that share one are
// candidates of one story.
func (s *Signature) Bands() [StoryBands]int64 {
	var out [StoryBands]int64
	for b := range out {
		h := uint64(b) * 0x9e3779b97f4a7c15
		for _, v := range s[b*BandRows : (b+1)*BandRows] {
			h = mix(h ^ uint64(v))
		}
		out[b] = int64(h)
	}
	return out
}

// Bytes encodes the signature for a store, nil for none; ParseSignature
// decodes it.
func (s *Signature) Bytes() []byte {
	if s == nil {
		return nil
	}
	b := make([]byte, 4*MinHashes)
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// ParseSignature decodes what Bytes wrote; false for anything else.
func ParseSignature(b []byte) (Signature, bool) {
	var s Signature
	if len(b) != 4*MinHashes {
		return s, false
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, true
}

// mix is splitmix64's finalizer: a cheap hash of 64 bits to 64 bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// seeds make the MinHashes hash functions, fixed so that every process
// and every version signs alike.
var seeds = func() (s [MinHashes]uint64) {
	x := uint64(0x5eed0f5707)
	for i := range s {
		x += 0x9e3779b97f4a7c15
		s[i] = mix(x)
	}
	return s
}()

// Signatures signs each article's text; nil for a text too short.
func Signatures(arts []*Article) []*Signature {
	out := make([]*Signature, len(arts))
	for i, a := range arts {
		if s, ok := Sign(a.Text); ok {
			out[i] = &s
		}
	}
	return out
}

// StoryCandidate is a stored article that shares a band with a new one.
type StoryCandidate struct {
	ID, Story int64
	Signature Signature
}

// StoryOf chooses the story of a new article with signature sig among
// candidates: the story of the most similar one at StoryThreshold or
// above, the oldest on a tie; 0 for a story of its own.
func StoryOf(sig *Signature, candidates []StoryCandidate) int64 {
	best, story := StoryThreshold, int64(0)
	for _, c := range candidates {
		sim := Similarity(sig, &c.Signature)
		if sim > best || sim == best && (story == 0 || c.Story < story) {
			best, story = sim, c.Story
		}
	}
	return story
}

// Story is the articles of one story, oldest first.
type Story struct {
	ID       int64        `json:"id"`
	Articles []ArticleRef `json:"articles"`
	Outlets  int          `json:"outlets"` // distinct sources (SourceKey)
}

// Count sets Outlets, and is an ENOTFOUND error for a story without
// articles.
func (s *Story) Count() error {
	if len(s.Articles) == 0 {
		return Errorf(ENOTFOUND, "story %d not found", s.ID)
	}
	outlets := map[string]bool{}
	for _, a := range s.Articles {
		outlets[SourceKey(a.Source, a.URL)] = true
	}
	s.Outlets = len(outlets)
	return nil
}

// StoryStore keeps stories. Both stores implement it.
type StoryStore interface {
	// Story returns story id with its articles; ENOTFOUND when none.
	Story(ctx context.Context, id int64) (*Story, error)
}

// StoryIndex groups a batch of new articles into stories: a store adds
// the stored articles that share a band with the batch's; Choose then
// picks each new article's story, in order, and Index adds it for the
// articles after it.
type StoryIndex struct {
	byBand map[int64][]StoryCandidate
	seen   map[int64]bool // Choose's, kept to spare an allocation a call
}

// NewStoryIndex returns an empty index.
func NewStoryIndex() *StoryIndex {
	return &StoryIndex{byBand: map[int64][]StoryCandidate{}, seen: map[int64]bool{}}
}

// Add indexes a stored article under one of its bands.
func (x *StoryIndex) Add(band int64, c StoryCandidate) {
	x.byBand[band] = append(x.byBand[band], c)
}

// Hot lists the bands that hold more than MaxBandArticles articles, for
// the store to keep only the newest of.
func (x *StoryIndex) Hot() []int64 {
	var out []int64
	for b, cs := range x.byBand {
		if len(cs) > MaxBandArticles {
			out = append(out, b)
		}
	}
	return out
}

// Choose returns the story of a new article whose text has signature sig
// among the indexed articles; 0 when it starts its own.
func (x *StoryIndex) Choose(sig *Signature) int64 {
	if sig == nil {
		return 0
	}
	bands := sig.Bands()
	seen := x.seen
	clear(seen)
	var cands []StoryCandidate
	for _, b := range bands {
		cs := x.byBand[b]
		if len(cs) > MaxBandArticles { // boilerplate: the newest only, as a store keeps
			cs = cs[len(cs)-MaxBandArticles:]
		}
		for _, c := range cs {
			if !seen[c.ID] {
				seen[c.ID] = true
				cands = append(cands, c)
			}
		}
	}
	return StoryOf(sig, cands)
}

// Index adds new article id, of story, under the bands of its signature.
func (x *StoryIndex) Index(id, story int64, sig *Signature) {
	if sig == nil {
		return
	}
	for _, b := range sig.Bands() {
		x.Add(b, StoryCandidate{ID: id, Story: story, Signature: *sig})
	}
}

// AllBands lists the bands of every signature, for a store's query of
// the candidates.
func AllBands(sigs []*Signature) []int64 {
	var out []int64
	for _, s := range sigs {
		if s != nil {
			b := s.Bands()
			out = append(out, b[:]...)
		}
	}
	return out
}
