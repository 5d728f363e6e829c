package gazetteer

import (
	"math/rand/v2"
	"testing"
)

// TestTable checks the table against a Go map over random adds, reads and
// clears, with keys dense and sparse, and 0 and the largest key among them.
func TestTable(t *testing.T) {
	tests := []struct {
		name string
		key  func(r *rand.Rand) uint64
	}{
		{"small keys", func(r *rand.Rand) uint64 { return r.Uint64N(300) }},
		{"name and area pairs", func(r *rand.Rand) uint64 { return r.Uint64N(50)<<32 | r.Uint64N(5000) }},
		{"any key", func(r *rand.Rand) uint64 {
			if r.IntN(10) == 0 {
				return []uint64{0, 1<<64 - 2}[r.IntN(2)]
			}
			return r.Uint64()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			var tab table[int]
			want := map[uint64]int{}
			for round := range 5 {
				for range 200 * (round + 1) {
					k := tt.key(r)
					if r.IntN(3) == 0 {
						if v, ok := tab.get(k); v != want[k] || ok != (want[k] != 0) {
							t.Fatalf("get(%d) = %d, %v; want %d", k, v, ok, want[k])
						}
						continue
					}
					v, added := tab.at(k)
					if added != (want[k] == 0) {
						t.Fatalf("at(%d) added %v, with %d there", k, added, want[k])
					}
					*v++
					want[k]++
				}
				if tab.len() != len(want) {
					t.Fatalf("len %d, want %d", tab.len(), len(want))
				}
				for k, n := range want {
					if v, _ := tab.get(k); v != n {
						t.Fatalf("round %d: get(%d) = %d, want %d", round, k, v, n)
					}
				}
				tab.clear()
				clear(want)
				if _, ok := tab.get(tt.key(r)); ok || tab.len() != 0 {
					t.Fatal("a key is left after clear")
				}
			}
		})
	}
}

func BenchmarkTable(b *testing.B) {
	var tab table[float64]
	for i := 0; i < b.N; i++ {
		for k := range uint64(200) {
			v, _ := tab.at(k%40<<32 | k*7919%5000)
			*v++
		}
		tab.clear()
	}
}
