package geo

import (
	"bufio"
	"cmp"
	"encoding/json"
	"os"
	"runtime"
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// storyPair is a labelled pair of testdata/story_pairs.jsonl: two texts,
// and whether an editor would call them one story. The reprints are wire
// copies with an outlet's edits (a dateline, a credit, a sentence more or
// less, words changed); the others tell the same event or place anew, or
// reuse a template with other names.
type storyPair struct {
	Same bool   `json:"same"`
	Kind string `json:"kind"`
	A, B string
}

func readPairs(t testing.TB) []storyPair {
	f, err := os.Open("testdata/story_pairs.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []storyPair
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p storyPair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// TestStoryThreshold scores StoryThreshold on the labelled pairs: every
// reprint is one story with its original, and no other pair is. With -v
// it prints each pair's similarity, and whether LSH made it a candidate.
func TestStoryThreshold(t *testing.T) {
	var tp, fp, fn int
	for _, p := range readPairs(t) {
		a, okA := Sign(p.A)
		b, okB := Sign(p.B)
		if !okA || !okB {
			t.Errorf("%s: a text too short to sign", p.Kind)
			continue
		}
		sim, candidate := Similarity(&a, &b), shareBand(&a, &b)
		same := candidate && sim >= StoryThreshold
		t.Logf("%-5v %.2f candidate=%-5v %s", p.Same, sim, candidate, p.Kind)
		switch {
		case same && p.Same:
			tp++
		case same:
			fp++
			t.Errorf("%s: grouped (similarity %.2f)", p.Kind, sim)
		case p.Same:
			fn++
			t.Errorf("%s: not grouped (similarity %.2f, candidate %v)", p.Kind, sim, candidate)
		}
	}
	t.Logf("precision %d/%d, recall %d/%d", tp, tp+fp, tp, tp+fn)
}

func shareBand(a, b *Signature) bool {
	ba, bb := a.Bands(), b.Bands()
	for i := range ba {
		if ba[i] == bb[i] {
			return true
		}
	}
	return false
}

func TestSignatureRoundTrip(t *testing.T) {
	s, ok := Sign("Heavy rain flooded villages in Emilia-Romagna on Saturday, and rescuers in Bologna and Ravenna worked through the night.")
	if !ok {
		t.Fatal("a sentence of 19 words is long enough")
	}
	back, ok := ParseSignature(s.Bytes())
	if !ok || back != s {
		t.Error("a signature does not survive its bytes")
	}
	if _, ok := Sign("Rain in Oslo."); ok {
		t.Error("three words are too few to group")
	}
}

// TestStoryWindow: a window finds a reprint while its original is among
// the newest articles it keeps, and forgets the original's bands after.
func TestStoryWindow(t *testing.T) {
	var orig, reprint string
	var others []string
	for _, p := range readPairs(t) {
		if p.Same && orig == "" {
			orig, reprint = p.A, p.B
		} else if !p.Same {
			others = append(others, p.A, p.B)
		}
	}
	sign := func(text string) *Signature {
		s, ok := Sign(text)
		if !ok {
			t.Fatalf("too short to sign: %.40q", text)
		}
		return &s
	}
	others = slices.DeleteFunc(others, func(o string) bool { // texts unlike the reprint
		return Similarity(sign(o), sign(reprint)) >= StoryThreshold/2
	})
	for _, tc := range []struct {
		limit, after int // the window, and how many other articles follow the original
		want         int64
	}{
		{0, 5, 1},
		{6, 5, 1},
		{5, 5, 0},
		{1, 1, 0},
		{2, 0, 1},
	} {
		x := NewStoryWindow(tc.limit)
		x.Index(1, 1, sign(orig))
		for i := range tc.after {
			x.Index(int64(i+2), int64(i+2), sign(others[i]))
		}
		if got := x.Choose(sign(reprint)); got != tc.want {
			t.Errorf("window %d, %d after: story %d, want %d", tc.limit, tc.after, got, tc.want)
		}
		if want := min(tc.after+1, cmp.Or(tc.limit, tc.after+1)); x.Len() != want {
			t.Errorf("window %d, %d after: %d indexed, want %d", tc.limit, tc.after, x.Len(), want)
		}
		bands := 0
		for b := range x.byBand {
			bands += len(x.band(int64(b)))
		}
		if bands != StoryBands*x.Len() {
			t.Errorf("window %d, %d after: %d band entries for %d articles", tc.limit, tc.after, bands, x.Len())
		}
	}
}

// TestStoryBandCap: a band holds its newest MaxBandArticles articles,
// and gives its lists back as articles leave the window.
func TestStoryBandCap(t *testing.T) {
	p := readPairs(t)[0]
	sig, _ := Sign(p.A)
	x := NewStoryWindow(MaxBandArticles + 10)
	for id := int64(1); id <= MaxBandArticles+5; id++ {
		x.Index(id, 7, &sig)
	}
	for _, b := range sig.Bands() {
		if slots := x.band(b); len(slots) != MaxBandArticles || x.slots[slots[0]].id != 6 {
			t.Errorf("band holds %d articles from %d, want %d from 6", len(slots), x.slots[slots[0]].id, MaxBandArticles)
		}
	}
	if got := x.Choose(&sig); got != 7 {
		t.Errorf("story %d, want 7", got)
	}
	for id := int64(1000); id < 1000+int64(x.limit); id++ { // push every copy out
		x.Index(id, id, randomSignature(uint64(id)))
	}
	if got := x.Choose(&sig); got != 0 {
		t.Errorf("story %d after the window moved on", got)
	}
	if inUse := len(x.lists) - len(x.freeLists); inUse != 0 || len(x.byBand) != StoryBands*x.limit {
		t.Errorf("%d lists in use and %d bands, want 0 and %d", inUse, len(x.byBand), StoryBands*x.limit)
	}
}

// randomSignature is a signature of values drawn from seed: its bands are
// its own.
func randomSignature(seed uint64) *Signature {
	var s Signature
	for j := range s {
		seed = mix(seed + 0x9e3779b97f4a7c15)
		s[j] = uint32(seed)
	}
	return &s
}

// TestMatches: the early exit never changes a count that reaches need.
func TestMatches(t *testing.T) {
	var a, b Signature
	for same := 0; same <= MinHashes; same += 7 {
		for i := range a {
			a[i], b[i] = uint32(i), uint32(i)
			if (i*37)%MinHashes >= same { // spread the differences
				b[i]++
			}
		}
		for _, need := range []int{0, 1, same - 1, same, same + 1, MinHashes} {
			want := same
			if same < need {
				want = -1
			}
			if got := matches(&a, &b, need); got != want {
				t.Errorf("%d equal, need %d: %d, want %d", same, need, got, want)
			}
		}
	}
}

// BenchmarkStoryWindow fills a window with random signatures (each band
// its own, the most memory), reports its heap, then times Choose.
func BenchmarkStoryWindow(b *testing.B) {
	sigs := make([]Signature, StoryWindow+1000)
	for i := range sigs {
		sigs[i] = *randomSignature(uint64(i) << 8)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	w := NewStoryWindow(StoryWindow)
	for i := range sigs {
		w.Index(int64(i+1), int64(i+1), &sigs[i])
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ResetTimer()
	for i := range b.N {
		w.Choose(&sigs[i%len(sigs)])
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "MB")
}

// TestSketchBound: a sketch never counts fewer agreements than the
// signatures have, so Choose drops no candidate that could win; and it
// drops unrelated ones.
func TestSketchBound(t *testing.T) {
	far, dropped := 0, 0
	const pairs = 2000
	for i := range pairs {
		a, b := randomSignature(uint64(i)), randomSignature(uint64(i)+1<<40)
		for j := range a { // plant a share of equal hashes, 0 to all
			if (j*31+i)%MinHashes < i%(MinHashes+1) {
				b[j] = a[j]
			}
		}
		ka, kb := sketchOf(a), sketchOf(b)
		n := matches(a, b, 0)
		if got := ka.agree(&kb); got < n {
			t.Fatalf("pair %d: sketch bound %d under %d equal hashes", i, got, n)
		}
		if n < storyMatches/2 {
			far++
			if ka.agree(&kb) < storyMatches {
				dropped++
			}
		}
	}
	if far == 0 || dropped < far*9/10 {
		t.Errorf("the sketch dropped %d of %d pairs far under the threshold", dropped, far)
	}
}

// BenchmarkStoryBoilerplate times Choose where every band is shared with
// MaxBandArticles others, as boilerplate and templated texts make them,
// while no two articles are near-duplicates.
func BenchmarkStoryBoilerplate(b *testing.B) {
	const variants = 5
	sign := func(i int) *Signature {
		var s Signature
		seed := uint64(i)
		for j := range s {
			seed = mix(seed + 0x9e3779b97f4a7c15)
			s[j] = uint32(seed)
			if band := j / BandRows; band < StoryBands { // one of a few variants of each band
				variant := mix(uint64(i)<<8|uint64(band)) % variants
				s[j] = uint32(mix((uint64(band)*variants+variant)<<8 | uint64(j%BandRows)))
			}
		}
		return &s
	}
	w := NewStoryWindow(StoryWindow)
	for i := range 20_000 {
		w.Index(int64(i+1), int64(i+1), sign(i))
	}
	sigs := make([]*Signature, 1000)
	for i := range sigs {
		sigs[i] = sign(1e6 + i)
	}
	b.ResetTimer()
	for i := range b.N {
		w.Choose(sigs[i%len(sigs)])
	}
}

// wordsByRunes is forEachWord's rule, rune by rune: what the ASCII path
// must match.
func wordsByRunes(text string) []string {
	var out []string
	var buf []byte
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		} else if len(buf) > 0 {
			out, buf = append(out, string(buf)), buf[:0]
		}
	}
	if len(buf) > 0 {
		out = append(out, string(buf))
	}
	return out
}

func FuzzForEachWord(f *testing.F) {
	for _, s := range []string{"", "Sirte", "Forces entered SIRTE, 3 km from Tripoli.", "Mişrātah's N'Djamena", "Zürich\xffBern",
		"ÅNGSTRÖM İstanbul ǅ", "a\u0301b 東京2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var got []string
		forEachWord(text, func(w []byte) { got = append(got, string(w)) })
		if want := wordsByRunes(text); !slices.Equal(got, want) {
			t.Errorf("forEachWord(%q) = %q, want %q", text, got, want)
		}
	})
}

// BenchmarkSign signs the texts of the labelled pairs: news, 1–3 KB each.
func BenchmarkSign(b *testing.B) {
	var texts []string
	n := 0
	for _, p := range readPairs(b) {
		texts = append(texts, p.A, p.B)
		n += len(p.A) + len(p.B)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, t := range texts {
			Sign(t)
		}
	}
}
