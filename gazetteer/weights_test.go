package gazetteer

import (
	"math/rand"
	"testing"
)

func TestWeights(t *testing.T) {
	var w weights
	if got := w.get(42); got != 0 {
		t.Fatalf("an empty table gives %v for 42, want 0", got)
	}
	r := rand.New(rand.NewSource(1))
	want := map[uint64]float64{0: 1.5, 1: -2, 1 << 63: 3, ^uint64(0): 4}
	for range 1000 {
		want[r.Uint64()] = r.NormFloat64()
	}
	// Ids that share their top bits, so that they collide.
	for i := range uint64(50) {
		want[0xabcd<<48|i] = float64(i)
	}
	for id, v := range want {
		w.set(id, v+100) // then overwritten
		w.set(id, v)
	}
	if w.n != len(want) {
		t.Errorf("%d weights held, want %d", w.n, len(want))
	}
	for id, v := range want {
		if got := w.get(id); got != v {
			t.Fatalf("get(%#x) = %v, want %v", id, got, v)
		}
	}
	for range 1000 {
		if id := r.Uint64(); w.get(id) != want[id] {
			t.Fatalf("get(%#x) = %v for an id never set", id, w.get(id))
		}
	}
	if 4*w.n > len(w.slots) {
		t.Errorf("%d weights in %d slots: more than a quarter full", w.n, len(w.slots))
	}
}
