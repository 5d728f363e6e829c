package gazetteer

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestWordIndex(t *testing.T) {
	for _, sized := range []int{0, 1, 1000} {
		t.Run(fmt.Sprint("sized for ", sized), func(t *testing.T) {
			x := newWordIndex(sized)
			if w := x.get("paris"); len(w.entries) != 0 || w.common {
				t.Fatalf("an empty index knows paris: %+v", w)
			}
			// Enough keys to grow an index sized for one many times.
			var keys []string
			for i := range 3000 {
				keys = append(keys, fmt.Sprintf("town %d", i))
			}
			keys = append(keys, "", "a", "paris", "paris texas")
			for i, k := range keys {
				x.add(x.edit(k), entry{place: int32(i)})
			}
			x.edit("the").common = true
			for i, k := range keys {
				w := x.get(k)
				if len(w.entries) != 1 || w.entries[0].place != int32(i) {
					t.Fatalf("get(%q) = %+v, want place %d", k, w.entries, i)
				}
				if wb := x.getBytes([]byte(k)); len(wb.entries) != 1 || wb.entries[0].place != int32(i) {
					t.Fatalf("getBytes(%q) = %+v, want place %d", k, wb.entries, i)
				}
			}
			if w := x.get("the"); !w.common || len(w.entries) != 0 {
				t.Errorf("the: %+v, want a common word without meanings", w)
			}
			for _, k := range []string{"town 3000", "pari", "paris ", "Paris"} {
				if w := x.get(k); len(w.entries) != 0 {
					t.Errorf("get(%q) = %+v, want nothing", k, w.entries)
				}
			}
			// A second edit of a key adds to the same record.
			x.add(x.edit("paris"), entry{place: 9999})
			if es := x.get("paris").entries; len(es) != 2 || es[1].place != 9999 {
				t.Errorf("paris after a second meaning: %+v", es)
			}
			got := slices.Sorted(x.each)
			want := slices.Sorted(slices.Values(keys))
			if !slices.Equal(got, want) {
				t.Errorf("each gave %d keys, want the %d with meanings (the common word without any left out)", len(got), len(want))
			}
			if 4*(len(x.recs)-1) > 3*len(x.slots) {
				t.Errorf("%d keys in %d slots: the index did not grow", len(x.recs)-1, len(x.slots))
			}
		})
	}
}

// BenchmarkWordIndexGet looks up the folded words of a sentence, as
// spotting does for every token.
func BenchmarkWordIndexGet(b *testing.B) {
	benchmarkWordIndexGet(b, func(*Gazetteer) []string {
		return []string{"the", "forces", "tripoli", "said", "sirte", "on", "monday", "benghazi"}
	})
}

// BenchmarkWordIndexGetCold looks up keys spread over the whole index, in
// an order that defeats the caches, as an article's names do.
func BenchmarkWordIndexGetCold(b *testing.B) {
	benchmarkWordIndexGet(b, func(g *Gazetteer) []string {
		keys := slices.Collect(g.words.each)
		rand.New(rand.NewPCG(1, 2)).Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		return keys[:min(len(keys), 1<<16)]
	})
}

func benchmarkWordIndexGet(b *testing.B, words func(*Gazetteer) []string) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	var keys [][]byte
	for _, w := range words(g) {
		keys = append(keys, []byte(w))
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, k := range keys {
			n += len(g.words.getBytes(k).entries)
		}
	}
	if n == 0 {
		b.Fatal("no meanings found")
	}
}
