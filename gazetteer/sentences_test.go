package gazetteer

import (
	"math/rand"
	"strings"
	"testing"
)

// sentence is the sentence around one mention, found alone: what
// sentences.around must return for every mention in turn.
func sentence(text string, start, end int) string {
	lo, hi := sentenceBounds(text, start, end)
	return trimSentence(text, start, end, lo, hi)
}

func TestSentence(t *testing.T) {
	long := strings.Repeat("word ", 60)
	for _, tc := range []struct {
		name, text, mention, want string
	}{
		{"between full stops", "One. Rain fell on Paris today. Two.", "Paris", "Rain fell on Paris today."},
		{"lines", "Title\nRain fell on Paris\nNext line", "Paris", "Rain fell on Paris"},
		{"an abbreviation inside a word", "Rain in St.Louis fell. Next.", "St.Louis", "Rain in St.Louis fell."},
		{"a question", "Is Paris safe? Yes.", "Paris", "Is Paris safe?"},
		{"the whole text", "Paris", "Paris", "Paris"},
		{"at most the reach each side", long + "Paris " + long, "Paris", strings.TrimSpace(long[len(long)-sentenceReach:] + "Paris " + long[:sentenceReach])},
		{"whole characters", strings.Repeat("é", 150) + " Paris " + strings.Repeat("é", 150), "Paris",
			strings.Repeat("é", 99) + " Paris " + strings.Repeat("é", 99)},
	} {
		start := strings.Index(tc.text, tc.mention)
		got := sentence(tc.text, start, start+len(tc.mention))
		if got != tc.want {
			t.Errorf("%s: sentence = %q, want %q", tc.name, got, tc.want)
		}
		s := sentences{text: tc.text}
		if got := s.around(start, start+len(tc.mention)); got != tc.want {
			t.Errorf("%s: sentences.around = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// checkSentences compares the sentences of mentions taken in order with
// sentence's, for every mention of text given as [start, end) pairs.
func checkSentences(t *testing.T, text string, spans [][2]int) {
	t.Helper()
	s := sentences{text: text}
	for _, sp := range spans {
		want := sentence(text, sp[0], sp[1])
		if got := s.around(sp[0], sp[1]); got != want {
			t.Fatalf("mention [%d, %d) of %q: got %q, want %q", sp[0], sp[1], text, got, want)
		}
	}
}

// randomSpans cuts text into mentions in order, some overlapping the last.
func randomSpans(r *rand.Rand, n int) [][2]int {
	var spans [][2]int
	for start := 0; start < n; {
		end := min(n, start+r.Intn(12))
		spans = append(spans, [2]int{start, end})
		start += r.Intn(30)
		if r.Intn(8) == 0 {
			start += r.Intn(500)
		}
	}
	return spans
}

func TestSentencesMatchSentence(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "b", " ", " ", ".", "!", "?", "\n", "é", ". ", ".\n"}
	for range 2000 {
		var b strings.Builder
		for range r.Intn(1200) {
			b.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		text := b.String()
		checkSentences(t, text, randomSpans(r, len(text)))
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Rain fell on Paris. Then Lyon and Nice. And Rome.\nMore", int64(1))
	f.Add(strings.Repeat("a. b\n", 100), int64(2))
	f.Fuzz(func(t *testing.T, text string, seed int64) {
		checkSentences(t, text, randomSpans(rand.New(rand.NewSource(seed)), len(text)))
	})
}
