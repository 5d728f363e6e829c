package gazetteer

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"mentionmap/geo"
)

// Finding places by the start of a name, for a picker ("Tripo" in Libya):
// the name keys sorted once, on the first search, so that a prefix is a
// binary search and a short scan.

// maxFound bounds the names a search reads past its prefix's first key.
const maxFound = 2000

type sortedKeys struct {
	once sync.Once
	keys []string

	byKeyOnce sync.Once
	byKey     map[string]int32 // place key -> place, for PlaceByKey
}

// PlaceByKey returns the place with a key ("2210247", "LY", "LY.15"), as a
// correction names it. The index is built on the first call.
func (g *Gazetteer) PlaceByKey(key string) (geo.Place, bool) {
	i, ok := g.placeIndex(key)
	if !ok {
		return geo.Place{}, false
	}
	return g.placeAt(i), true
}

// placeIndex numbers the place with a key.
func (g *Gazetteer) placeIndex(key string) (int32, bool) {
	g.sorted.byKeyOnce.Do(func() {
		g.sorted.byKey = make(map[string]int32, len(g.places))
		for i := range g.places {
			g.sorted.byKey[g.places[i].Key] = int32(i)
		}
	})
	i, ok := g.sorted.byKey[key]
	return i, ok
}

// FindPlaces returns up to limit places whose name or alternate name
// starts with q (folded: case and accents do not count), of the given
// country and kind when they are not empty: exact names first, then by
// the gazetteer's prior (bigger and more important places first).
func (g *Gazetteer) FindPlaces(q, country, kind string, limit int) []geo.Place {
	prefix := Key(q)
	if prefix == "" || limit <= 0 {
		return nil
	}
	keys := g.sortedNames()
	type found struct {
		place int32
		exact bool
		prior float32
	}
	var hits []found
	seen := map[int32]bool{}
	i, _ := slices.BinarySearch(keys, prefix)
	for n := 0; i < len(keys) && n < maxFound && strings.HasPrefix(keys[i], prefix); i, n = i+1, n+1 {
		for _, e := range g.words.get(keys[i]).entries {
			if e.place < 0 || e.flags&flagDemonym != 0 || seen[e.place] {
				continue
			}
			if country != "" && g.places[e.place].Country != country || kind != "" && kindNames[g.facts[e.place].kind] != kind {
				continue
			}
			seen[e.place] = true
			hits = append(hits, found{e.place, keys[i] == prefix, e.prior})
		}
	}
	slices.SortStableFunc(hits, func(a, b found) int {
		if a.exact != b.exact {
			if a.exact {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.prior, a.prior)
	})
	out := make([]geo.Place, 0, min(limit, len(hits)))
	for _, h := range hits[:min(limit, len(hits))] {
		out = append(out, g.placeAt(h.place))
	}
	return out
}

// sortedNames lists the name keys in order, once.
func (g *Gazetteer) sortedNames() []string {
	g.sorted.once.Do(func() {
		keys := slices.Sorted(g.words.each)
		g.sorted.keys = keys
	})
	return g.sorted.keys
}
