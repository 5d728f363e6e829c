package postgis

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"mentionmap/geo"
)

// PostgreSQL's limits on a tsvector: a lexeme's bytes, its positions, and
// a position's value. to_tsvector drops longer words, keeps a word's first
// 255 positions, and clamps positions.
const (
	maxLexemeBytes = 2046
	maxPositions   = 255
	maxPosition    = 16383
)

// vectorBuilder renders the words of an article's title and text as a
// tsvector's text form, numbered from 1 across both as to_tsvector('simple',
// title || ' ' || text) numbers them, reusing its buffers from one article
// to the next.
//
// A word is a run of the runes a query's words hold (geo.IsWordRune),
// lower-cased, as SQLite's unicode61 tokenizer reads them. PostgreSQL's
// own parser took two thirds of the indexer's time (124 µs for an article
// of 1 KB, against 31 µs to read this form), and also keeps hyphenated
// words and numbers like "3.5" whole, which no query can ask for.
type vectorBuilder struct {
	words []byte      // every word, lower-cased, one after another
	toks  []vectorTok // each word's place in words, and its position
	out   []byte
}

// vectorTok is a word: its first 8 bytes, big-endian and zero-padded, so
// that most comparisons in the sort are of one integer, then where the
// word is in words, and its position.
type vectorTok struct {
	prefix      uint64
	off, n, pos int32
}

func (v *vectorBuilder) build(title, text string) string {
	v.words, v.toks, v.out = v.words[:0], v.toks[:0], v.out[:0]
	pos := v.add(title, 0)
	v.add(text, pos)
	word := func(t vectorTok) []byte { return v.words[t.off : t.off+t.n] }
	// By word, then position: each word's positions in a run, rising.
	slices.SortFunc(v.toks, func(a, b vectorTok) int {
		if a.prefix != b.prefix {
			return cmp.Compare(a.prefix, b.prefix)
		}
		return cmp.Or(bytes.Compare(word(a), word(b)), cmp.Compare(a.pos, b.pos))
	})
	for i := 0; i < len(v.toks); {
		w := word(v.toks[i])
		if i > 0 {
			v.out = append(v.out, ' ')
		}
		v.out = append(append(append(v.out, '\''), w...), "':"...) // letters and digits: nothing to escape
		last, kept := int32(0), 0
		for ; i < len(v.toks) && bytes.Equal(word(v.toks[i]), w); i++ {
			if p := min(v.toks[i].pos, maxPosition); p > last && kept < maxPositions {
				if kept > 0 {
					v.out = append(v.out, ',')
				}
				v.out = strconv.AppendInt(v.out, int64(p), 10)
				last, kept = p, kept+1
			}
		}
	}
	return string(v.out)
}

// add appends the words of s, numbered after pos, and returns the last
// number.
func (v *vectorBuilder) add(s string, pos int32) int32 {
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !geo.IsWordRune(r) {
			i += n
			continue
		}
		pos++
		off := len(v.words)
		for i < len(s) {
			r, n = rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			if !geo.IsWordRune(r) {
				break
			}
			if 'A' <= r && r <= 'Z' {
				v.words = append(v.words, byte(r)+'a'-'A')
			} else if r < utf8.RuneSelf {
				v.words = append(v.words, byte(r))
			} else {
				v.words = utf8.AppendRune(v.words, unicode.ToLower(r))
			}
			i += n
		}
		if len(v.words)-off > maxLexemeBytes {
			v.words = v.words[:off]
			continue
		}
		var prefix [8]byte
		copy(prefix[:], v.words[off:])
		v.toks = append(v.toks, vectorTok{prefix: binary.BigEndian.Uint64(prefix[:]), off: int32(off), n: int32(len(v.words) - off), pos: pos})
	}
	return pos
}
