package gazetteer

// table is a hash table from integer keys (below 1<<64-1) to V, for the
// scratch of one article: the weight each name lends each area, the names
// that may mean a county or a town in it, the mentions of each place. A
// parse fills several of them for every article, and clears them after.
// As Go maps they took 7 % of a parse's instructions: hashing through the
// runtime, and a clear that walks every group the map ever grew to. This
// one probes linearly in two flat slices, hashes by one multiplication,
// and clears only the slots it used.
type table[V any] struct {
	keys []uint64 // a key plus one; 0 is an empty slot
	vals []V
	used []int32 // the slots in use, in the order they were taken
}

// tableHash is the multiplier of Fibonacci hashing: bits 32 and up of
// k·tableHash spread any run of small keys across the slots.
const tableHash = 0x9e3779b97f4a7c15

// slot returns where k is, or the empty slot where it would go.
func (t *table[V]) slot(k uint64) (int, bool) {
	mask := uint64(len(t.keys) - 1)
	stored := k + 1
	for i := (k * tableHash) >> 32 & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case stored:
			return int(i), true
		case 0:
			return int(i), false
		}
	}
}

// get returns k's value, and whether k is in the table.
func (t *table[V]) get(k uint64) (V, bool) {
	if len(t.used) == 0 {
		var zero V
		return zero, false
	}
	i, ok := t.slot(k)
	if !ok {
		var zero V
		return zero, false
	}
	return t.vals[i], true
}

// at returns k's value for changing, adding k with V's zero value if it
// is new; added says whether it was.
func (t *table[V]) at(k uint64) (v *V, added bool) {
	if 2*(len(t.used)+1) > len(t.keys) {
		t.grow()
	}
	i, ok := t.slot(k)
	if !ok {
		t.keys[i] = k + 1
		t.used = append(t.used, int32(i))
	}
	return &t.vals[i], !ok
}

// len is how many keys the table holds.
func (t *table[V]) len() int { return len(t.used) }

// clear empties the table and keeps its room.
func (t *table[V]) clear() {
	var zero V
	for _, i := range t.used {
		t.keys[i], t.vals[i] = 0, zero
	}
	t.used = t.used[:0]
}

// grow doubles the room, at most half of which is ever in use, so that
// probes stay short.
func (t *table[V]) grow() {
	keys, vals, used := t.keys, t.vals, t.used
	n := max(64, 2*len(keys))
	t.keys, t.vals, t.used = make([]uint64, n), make([]V, n), make([]int32, 0, n/2)
	for _, i := range used {
		v, _ := t.at(keys[i] - 1)
		*v = vals[i]
	}
}
