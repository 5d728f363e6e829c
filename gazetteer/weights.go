package gazetteer

import "math/bits"

// weights maps feature ids to the recognizer's weights. It is an
// open-addressing table: a model holds a few hundred features and a span
// asks for about twenty, most of them absent, and a Go map's generic
// probe for each was 3.5 % of a parse. Ids are FNV hashes, so their top
// bits index the table as they are.
type weights struct {
	slots []weightSlot // a power of two, at most a quarter full
	shift uint         // 64 - log2(len(slots))
	n     int
}

type weightSlot struct {
	id   uint64
	w    float64
	used bool
}

// get returns the weight of id, 0 when the model does not have it.
func (t *weights) get(id uint64) float64 {
	if t.n == 0 {
		return 0
	}
	mask := len(t.slots) - 1
	for i := int(id >> t.shift); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if !s.used {
			return 0
		}
		if s.id == id {
			return s.w
		}
	}
}

// set gives id the weight w.
func (t *weights) set(id uint64, w float64) {
	if 4*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := len(t.slots) - 1
	i := int(id >> t.shift)
	for t.slots[i].used && t.slots[i].id != id {
		i = (i + 1) & mask
	}
	if !t.slots[i].used {
		t.n++
	}
	t.slots[i] = weightSlot{id: id, w: w, used: true}
}

func (t *weights) grow() {
	old := t.slots
	size := max(64, 2*len(old))
	t.slots, t.shift, t.n = make([]weightSlot, size), uint(64-bits.Len(uint(size-1))), 0
	for _, s := range old {
		if s.used {
			t.set(s.id, s.w)
		}
	}
}
