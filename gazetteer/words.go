package gazetteer

import (
	"hash/maphash"
	"math/bits"
)

// wordIndex maps a name key or a folded word to what the gazetteer knows
// of it. It is an open-addressing hash table of its own rather than a Go
// map: every part of it is a slice without pointers, which the collector
// never scans, and which a load allocates once and asks huge pages for.
// Its slots, all zero when made, need no initialising; a map of string
// keys sized for 440,000 of them took an eighth of a load's CPU to set
// up, mostly in page faults. The keys' bytes are kept one after another
// in keys, and each key's meanings as one run of the shared slice entries.
type wordIndex struct {
	slots   []uint64  // 0 is empty; else a key's hash's top half << 32 | its record's number
	keys    []byte    // every key's bytes
	recs    []wordRec // recs[0] is the word nothing is known of
	entries []entry   // every key's meanings, each key's in one run
	seed    maphash.Seed
}

// wordRec is what the index keeps of a word: its meanings are
// entries[off:off+n], and its key keys[key:key+keyLen].
type wordRec struct {
	off     uint32
	key     uint32
	n       uint16
	keyLen  uint16
	lengths uint16 // as word.lengths
	common  bool
}

// maxMeanings is the most meanings a key keeps.
const maxMeanings = 1<<16 - 1

// maxKey is the longest key the index holds; no place's name comes near.
const maxKey = 1<<16 - 1

// newWordIndex sizes an index for n keys, at most half full. The room for
// their meanings is generous: a run that moves leaves its old place
// behind, and capacity that is never written costs no memory.
func newWordIndex(n int) wordIndex {
	x := wordIndex{slots: make([]uint64, slotsFor(n)), keys: make([]byte, 0, 12*n), recs: make([]wordRec, 1, n+1),
		entries: make([]entry, 0, 2*n), seed: maphash.MakeSeed()}
	adviseHuge(x.slots)
	adviseHuge(x.keys)
	adviseHuge(x.recs)
	adviseHuge(x.entries)
	return x
}

// slotsFor is the power of two of slots that n keys fill at most half of.
func slotsFor(n int) int { return 1 << max(4, bits.Len(uint(max(2*n-1, 0)))) }

// word is the view of a record that lookups return.
func (x *wordIndex) word(i uint32) word {
	r := &x.recs[i]
	end := r.off + uint32(r.n)
	return word{entries: x.entries[r.off:end:end], lengths: r.lengths, common: r.common}
}

// key is the key of record i.
func (x *wordIndex) key(i uint32) []byte {
	r := &x.recs[i]
	return x.keys[r.key : r.key+uint32(r.keyLen)]
}

// get returns what is known of k; the zero word if nothing.
func (x *wordIndex) get(k string) word {
	_, i := find(x, k, maphash.String(x.seed, k))
	return x.word(i)
}

// getBytes is get for a key being built, without converting it.
func (x *wordIndex) getBytes(k []byte) word {
	_, i := find(x, k, maphash.Bytes(x.seed, k))
	return x.word(i)
}

// find probes for k, of hash h, and returns the slot where it is, or the
// empty slot where it would go, and its record's number, 0 if it is not
// there.
func find[K string | []byte](x *wordIndex, k K, h uint64) (slot int, rec uint32) {
	if len(x.slots) == 0 {
		return 0, 0
	}
	mask := uint64(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return int(i), 0
		}
		if s>>32 == h>>32 && string(x.key(uint32(s))) == string(k) {
			return int(i), uint32(s)
		}
	}
}

// edit returns k's record for changing, adding it if it is new.
func (x *wordIndex) edit(k string) *wordRec {
	if len(k) > maxKey {
		k = k[:maxKey]
	}
	h := maphash.String(x.seed, k)
	slot, i := find(x, k, h)
	if i != 0 {
		return &x.recs[i]
	}
	if 4*len(x.recs) > 3*len(x.slots) {
		x.grow()
		slot, _ = find(x, k, h)
	}
	i = uint32(len(x.recs))
	x.slots[slot] = h>>32<<32 | uint64(i)
	x.recs = append(x.recs, wordRec{key: uint32(len(x.keys)), keyLen: uint16(len(k))})
	x.keys = append(x.keys, k...)
	return &x.recs[i]
}

// grow doubles the slots of an index sized too small: that of a file
// without its line of sizes.
func (x *wordIndex) grow() {
	old := x.slots
	x.slots = make([]uint64, max(2*len(old), slotsFor(len(x.recs))))
	for i := 1; i < len(x.recs); i++ {
		k := x.key(uint32(i))
		h := maphash.Bytes(x.seed, k)
		slot, _ := find(x, k, h) // keys are unique: the empty slot it would go in
		x.slots[slot] = h>>32<<32 | uint64(i)
	}
}

// each yields every key that has meanings.
func (x *wordIndex) each(yield func(string) bool) {
	for i := 1; i < len(x.recs); i++ {
		if x.recs[i].n > 0 && !yield(string(x.key(uint32(i)))) {
			return
		}
	}
}

// add appends meaning e to r's. A run that does not end the slice moves to
// its end first: few keys have more than one meaning.
func (x *wordIndex) add(r *wordRec, e entry) {
	if r.n == maxMeanings {
		return
	}
	if end := int(r.off) + int(r.n); r.n == 0 || end != len(x.entries) {
		from := len(x.entries)
		x.entries = append(x.entries, x.entries[r.off:end]...)
		r.off = uint32(from)
	}
	x.entries = append(x.entries, e)
	r.n++
}

// share yields the meanings of keys k, k+n, k+2n..., for changing in place.
func (x *wordIndex) share(k, n int) func(yield func([]entry) bool) {
	return func(yield func([]entry) bool) {
		for i := 1 + k; i < len(x.recs); i += n {
			r := &x.recs[i]
			if !yield(x.entries[r.off : r.off+uint32(r.n)]) {
				return
			}
		}
	}
}
