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
// candidate 94 % of the time, and at 0.2, 33 %. StoryIndex keeps the bands
// in memory.

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
	// MaxBandArticles bounds the articles an index keeps under one band: a
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
// lower case; the bytes are fn's until it returns. ASCII, most of news
// text, skips rune decoding: a tenth of a signature's cost.
func forEachWord(text string, fn func([]byte)) {
	buf := make([]byte, 0, 32)
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				buf = append(buf, c)
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+('a'-'A'))
			case len(buf) > 0:
				fn(buf)
				buf = buf[:0]
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		} else if len(buf) > 0 {
			fn(buf)
			buf = buf[:0]
		}
		i += size
	}
	if len(buf) > 0 {
		fn(buf)
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
		out[i] = a.Signature()
	}
	return out
}

// signed is an article's signature, and the text it signs.
type signed struct {
	done bool
	text string
	sig  *Signature
}

// Signature returns the signature of a's text, nil for a text too short.
// Parsing signs each article, on the parsing cores, and a store's writer
// reads the signature back.
func (a *Article) Signature() *Signature {
	if !a.signed.done || a.signed.text != a.Text {
		a.signed = signed{done: true, text: a.Text}
		if s, ok := Sign(a.Text); ok {
			a.signed.sig = &s
		}
	}
	return a.signed.sig
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
