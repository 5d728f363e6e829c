package geo

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
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

func readPairs(t *testing.T) []storyPair {
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
