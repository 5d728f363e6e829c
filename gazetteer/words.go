package gazetteer

// wordIndex maps a name key or a folded word to what the gazetteer knows
// of it. The map holds small numbers into a slice of records rather than
// the words themselves, so its slots are under half the size, and the
// records hold no pointers: each names its meanings as a run of one
// shared slice. A load allocates 4 MB less than with a slice of meanings
// per key, and the collector has 440,000 fewer pointers to follow.
type wordIndex struct {
	number  map[string]int32
	recs    []wordRec // recs[0] is the word nothing is known of
	entries []entry   // every key's meanings, each key's in one run
}

// wordRec is what the index keeps of a word: its meanings are
// entries[off:off+n].
type wordRec struct {
	off     uint32
	n       uint16
	lengths uint16 // as word.lengths
	common  bool
}

// maxMeanings is the most meanings a key keeps.
const maxMeanings = 1<<16 - 1

// newWordIndex sizes an index for n keys. The room for their meanings is
// generous: a run that moves leaves its old place behind, and capacity that
// is never written costs no memory.
func newWordIndex(n int) wordIndex {
	x := wordIndex{number: make(map[string]int32, n), recs: make([]wordRec, 1, n+1), entries: make([]entry, 0, 2*n)}
	adviseHuge(x.recs)
	adviseHuge(x.entries)
	return x
}

// word is the view of a record that lookups return.
func (x *wordIndex) word(i int32) word {
	r := &x.recs[i]
	end := r.off + uint32(r.n)
	return word{entries: x.entries[r.off:end:end], lengths: r.lengths, common: r.common}
}

// get returns what is known of k; the zero word if nothing.
func (x *wordIndex) get(k string) word { return x.word(x.number[k]) }

// getBytes is get for a key being built, without converting it.
func (x *wordIndex) getBytes(k []byte) word { return x.word(x.number[string(k)]) }

// edit returns k's record for changing, adding it if it is new.
func (x *wordIndex) edit(k string) *wordRec {
	i, ok := x.number[k]
	if !ok {
		i = int32(len(x.recs))
		x.number[k] = i
		x.recs = append(x.recs, wordRec{})
	}
	return &x.recs[i]
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
