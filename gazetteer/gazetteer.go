package gazetteer

import (
	"bytes"
	"cmp"
	_ "embed"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// embedded is the default gazetteer, made by `go generate ./gazetteer`.
//
//go:embed places.tsv.zst
var embedded []byte

// Entry flags.
const (
	flagDemonym = 1 << iota // "Libyan": an adjective for the place
	flagAbbrev              // "US", "U.S.": matches only in capitals
	flagBlock               // an organisation or other non-place name
	flagAlt                 // an alternate name, not the place's own
)

// entry is one meaning of a name key.
type entry struct {
	place int32 // index into Gazetteer.places; -1 for blockers
	flags uint8
	prior float32 // set by sortEntries
}

// ownName reports whether the key of a town's meaning is the town's own
// name, not an alternate, abbreviation or demonym.
func (e entry) ownName() bool { return e.flags&(flagAlt|flagAbbrev|flagDemonym) == 0 }

// Gazetteer is an in-memory place index. It is read-only after Load and
// safe for concurrent use.
type Gazetteer struct {
	places  []place
	facts   []facts              // per place: what resolution reads
	areas   map[string]int32     // "CC" or "CC.A1" -> area number
	admin2  map[[3]string]int32  // {CC, A1, A2} -> place, while loading
	words   wordIndex            // name keys and single folded words
	nNames  int                  // keys with meanings
	country map[string]int32     // ISO code -> place
	admin1  map[string]int32     // "CC.A1" -> place
	bboxes  map[string]*geo.BBox // key -> extent, for areas
	// areaPlace is the place of each country and first-level area.
	areaPlace map[int32]int32
	sorted    sortedKeys // name keys in order, for FindPlaces
}

// place is a place as the gazetteer keeps it: a geo.Place without the
// kind and population, which its facts hold. It is two thirds of the size,
// and a load touches 11 MB less memory.
type place struct {
	Key, Name, Country, Admin1 string
	Point                      orb.Point
	BBox                       *geo.BBox
	GeonameID                  uint32
}

// placeAt returns place i as the API shows it.
func (g *Gazetteer) placeAt(i int32) geo.Place {
	p, f := &g.places[i], &g.facts[i]
	return geo.Place{Key: p.Key, GeonameID: int64(p.GeonameID), Name: p.Name, Kind: kindNames[f.kind],
		Country: p.Country, Admin1: p.Admin1, Population: int64(f.pop), Point: p.Point, BBox: p.BBox}
}

// candidate returns place i as a candidate meaning, without a score.
func (g *Gazetteer) candidate(i int32) geo.Candidate {
	p := &g.places[i]
	return geo.Candidate{Key: p.Key, Name: p.Name, Kind: kindNames[g.facts[i].kind], Country: p.Country, Admin1: p.Admin1}
}

// PlaceBBox returns the extent of the area a place key names, or nil for
// a town or an unknown key.
func (g *Gazetteer) PlaceBBox(key string) *geo.BBox { return g.bboxes[key] }

// maxNameTokens is the most tokens a name can have and still be found.
const maxNameTokens = 16

// aliasPenalty lowers places that only have a name as an alternate, when
// another place is called by it.
const aliasPenalty = 1.0

// Feature ranks.
const (
	rankOther = iota
	rankSeat
	rankCapital
)

// Default loads the gazetteer embedded in the binary.
func Default() (*Gazetteer, error) { return Load(bytes.NewReader(embedded)) }

// Open loads a gazetteer file written by Build.
func Open(path string) (*Gazetteer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "gazetteer: %v", err)
	}
	defer f.Close()
	return Load(f)
}

// Load reads a gazetteer file.
func Load(r io.Reader) (*Gazetteer, error) {
	g := &Gazetteer{
		country:   make(map[string]int32),
		admin1:    make(map[string]int32),
		admin2:    make(map[[3]string]int32),
		areas:     make(map[string]int32),
		bboxes:    make(map[string]*geo.BBox),
		areaPlace: make(map[int32]int32),
	}
	if err := readFile(r, (*loader)(g)); err != nil {
		return nil, err
	}
	g.admin2 = nil
	if len(g.places) == 0 || g.words.slots == nil {
		return nil, geo.Errorf(geo.EINVALID, "gazetteer: no places")
	}
	for _, b := range blockers {
		g.addKey(Key(b), entry{place: -1, flags: flagBlock})
	}
	g.sortEntries()
	return g, nil
}

// loader is the Gazetteer as the reader of its file.
type loader Gazetteer

func (l *loader) size(places, keys int) {
	l.places = make([]place, 0, places)
	l.facts = make([]facts, 0, places)
	adviseHuge(l.places)
	adviseHuge(l.facts)
	if l.words.slots == nil {
		l.words = newWordIndex(keys + len(blockers))
	}
}

func (l *loader) word(w string) {
	if l.words.slots == nil {
		l.size(0, 0)
	}
	l.words.edit(w).common = true
}

func (l *loader) place(r record) {
	g := (*Gazetteer)(l)
	if g.words.slots == nil {
		l.size(0, 0)
	}
	i := int32(len(g.places))
	g.places = append(g.places, place{Key: r.Key, Name: r.Name, Country: r.Country, Admin1: r.Admin1, Point: r.Point,
		BBox: r.BBox, GeonameID: uint32(r.GeonameID)})
	g.facts = append(g.facts, l.factsOf(r, i))
	if r.BBox != nil {
		g.bboxes[r.Key] = r.BBox
	}
	switch r.Kind {
	case geo.KindCountry:
		g.country[r.Country] = i
		g.areaPlace[l.area(r.Country)] = i
	case geo.KindAdmin1:
		g.admin1[r.Key] = i
		g.areaPlace[l.area(r.Key)] = i
	}
	g.addKey(r.nameKey, entry{place: i})
	// Alternate names of hand-written regions and seas are curated short
	// names ("Atlantic", "Mediterranean"), not mere aliases.
	alt := uint8(flagAlt)
	if r.Kind == geo.KindRegion || r.Kind == geo.KindWater {
		alt = 0
	}
	for a := range strings.SplitSeq(r.altKeys, "|") {
		if len(a) > 1 && a[0] == '=' {
			g.addKey(a[1:], entry{place: i, flags: flagAbbrev})
			continue
		}
		g.addKey(a, entry{place: i, flags: alt})
	}
	for d := range strings.SplitSeq(r.demonymKeys, "|") {
		g.addKey(d, entry{place: i, flags: flagDemonym})
	}
}

// countyOf is the index of the second-level division that record r (place
// i) lies in or is, or -1. Divisions precede towns in the file.
func (l *loader) countyOf(r record, i int32) int32 {
	if r.Admin2 == "" || (r.Kind != geo.KindCity && r.Kind != geo.KindAdmin2) {
		return -1
	}
	code := [3]string{r.Country, r.Admin1, r.Admin2}
	if r.Kind == geo.KindAdmin2 {
		l.admin2[code] = i
		return i
	}
	if c, ok := l.admin2[code]; ok {
		return c
	}
	return -1
}

func featureRank(fcode string) uint8 {
	switch fcode {
	case "PPLC":
		return rankCapital
	case "PPLA":
		return rankSeat
	}
	return rankOther
}

// addKey indexes one name key; duplicates of the same place are dropped.
func (g *Gazetteer) addKey(k string, e entry) {
	if !isLatinKey(k) {
		return
	}
	w := g.words.edit(k)
	for _, old := range g.words.entries[w.off : w.off+uint32(w.n)] {
		if old.place == e.place {
			return
		}
	}
	if w.n == 0 {
		g.nNames++
	}
	g.words.add(w, e)
	n := uint8(1)
	first := k
	for j := 0; j < len(k); j++ {
		if k[j] == ' ' {
			if n == 1 {
				first = k[:j]
			}
			n++
		}
	}
	switch {
	case n == 1:
		w.lengths |= 1 // the key is its own first word: no second lookup
	case n <= maxNameTokens:
		g.words.edit(first).lengths |= 1 << (n - 1)
	}
}

// sortEntries computes each meaning's prior and orders each key's meanings
// by it, best first. Most keys have one meaning and need no sort. It runs
// once every place is read, when nothing else is left to do, so every core
// takes a share of the keys: their runs of meanings are disjoint.
func (g *Gazetteer) sortEntries() {
	n := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() { g.sortShare(k, n) })
	}
	wg.Wait()
}

// sortShare sorts the meanings of every n-th key from the k-th.
func (g *Gazetteer) sortShare(k, n int) {
	for es := range g.words.share(k, n) {
		named := false // some place is called by this name, not just aliased
		for i := range es {
			es[i].prior = float32(g.prior(es[i]))
			named = named || es[i].flags&(flagAlt|flagBlock) == 0
		}
		if named {
			for i := range es {
				if es[i].flags&flagAlt != 0 {
					es[i].prior -= aliasPenalty // "Mexico" is the country before it is the capital
				}
			}
		}
		if len(es) > 1 {
			slices.SortStableFunc(es, func(a, b entry) int { return cmp.Compare(b.prior, a.prior) })
		}
	}
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// Names is the number of distinct name keys.
func (g *Gazetteer) Names() int { return g.nNames }

// Country returns the country with an ISO 3166-1 alpha-2 code.
func (g *Gazetteer) Country(code string) (geo.Place, bool) {
	i, ok := g.country[code]
	if !ok {
		return geo.Place{}, false
	}
	return g.placeAt(int32(i)), true
}

// At returns place i, for 0 <= i < Len().
func (g *Gazetteer) At(i int) geo.Place { return g.placeAt(int32(i)) }
