package geo

import "testing"

func TestSentenceSpan(t *testing.T) {
	const text = "Rain in Sirte. Talks in Tripoli went on. Talks in Tripoli went on."
	tests := []struct {
		name       string
		m          Mention
		from, to   int
		wantInText bool
	}{
		{"first sentence", Mention{Start: 8, End: 13, Sentence: "Rain in Sirte."}, 0, 14, true},
		{"repeated sentence, second", Mention{Start: 50, End: 57, Sentence: "Talks in Tripoli went on."}, 41, 66, true},
		{"empty", Mention{Start: 8, End: 13, Sentence: ""}, 8, 8, true},
		{"not in the text", Mention{Start: 8, End: 13, Sentence: "Rain in  Sirte."}, 0, 0, false},
		{"offsets past the text", Mention{Start: 500, End: 505, Sentence: "Rain in Sirte."}, 0, 14, true},
	}
	for _, tt := range tests {
		from, to, ok := SentenceSpan(text, &tt.m)
		if ok != tt.wantInText || from != tt.from || to != tt.to {
			t.Errorf("%s: (%d, %d, %v), want (%d, %d, %v)", tt.name, from, to, ok, tt.from, tt.to, tt.wantInText)
		}
		if tt.wantInText && text[from:to] != tt.m.Sentence {
			t.Errorf("%s: span %q, want %q", tt.name, text[from:to], tt.m.Sentence)
		}
		// A store keeps the span, or else a copy.
		want := [3]any{nil, from, to}
		if !tt.wantInText {
			want = [3]any{tt.m.Sentence, 0, 0}
		}
		if copied, sfrom, sto := StoredSentence(text, &tt.m); [3]any{copied, sfrom, sto} != want {
			t.Errorf("%s: stored (%v, %d, %d), want %v", tt.name, copied, sfrom, sto, want)
		}
	}
}
