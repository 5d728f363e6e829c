package sqlite

import (
	"context"
	"testing"

	"mentionmap/geo"
)

func TestSentenceSpan(t *testing.T) {
	const text = "Rain in Sirte. Talks in Tripoli went on. Talks in Tripoli went on."
	tests := []struct {
		name       string
		m          geo.Mention
		copied     any
		from, to   int
		wantInText bool
	}{
		{"first sentence", geo.Mention{Start: 8, End: 13, Sentence: "Rain in Sirte."}, nil, 0, 14, true},
		{"repeated sentence, second", geo.Mention{Start: 50, End: 57, Sentence: "Talks in Tripoli went on."}, nil, 41, 66, true},
		{"empty", geo.Mention{Start: 8, End: 13, Sentence: ""}, nil, 8, 8, true},
		{"not in the text", geo.Mention{Start: 8, End: 13, Sentence: "Rain in  Sirte."}, "Rain in  Sirte.", 0, 0, false},
		{"offsets past the text", geo.Mention{Start: 500, End: 505, Sentence: "Rain in Sirte."}, nil, 0, 14, true},
	}
	for _, tt := range tests {
		copied, from, to := sentenceSpan(text, &tt.m)
		if copied != tt.copied || from != tt.from || to != tt.to {
			t.Errorf("%s: (%v, %d, %d), want (%v, %d, %d)", tt.name, copied, from, to, tt.copied, tt.from, tt.to)
		}
		if tt.wantInText && text[from:to] != tt.m.Sentence {
			t.Errorf("%s: span %q, want %q", tt.name, text[from:to], tt.m.Sentence)
		}
	}
}

// TestSentencesRoundTrip stores sentences that are in the text, one that
// is not, and an empty one, and reads each back unchanged.
func TestSentencesRoundTrip(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a := article("", "Fighting in Tripoli. Calm in Fiji – at last. Libya votes.", day(1), tripoli, fiji, libya)
	a.Mentions[0].Sentence = "Fighting in Tripoli."
	a.Mentions[1].Sentence = "Calm in Fiji – at last."
	a.Mentions[2].Sentence = "" // what a client might send
	b := article("", "Quiet day.", day(2), tripoli)
	b.Mentions[0].Sentence = "A sentence from elsewhere, in Tripoli."
	if _, err := s.IngestBatch(ctx, []*geo.Article{a, b}); err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{}
	for _, x := range []*geo.Article{a, b} {
		for _, m := range x.Mentions {
			want[m.ID] = m.Sentence
		}
	}
	for _, x := range []*geo.Article{a, b} {
		got, err := s.Article(ctx, x.ID, geo.MaxMentions, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range got.Mentions {
			if m.Sentence != want[m.ID] {
				t.Errorf("article %d, mention %d: sentence %q, want %q", x.ID, m.ID, m.Sentence, want[m.ID])
			}
		}
	}
	n := 0
	err := s.Mentions(ctx, geo.Filter{Limit: 10}, func(r *geo.MentionRow) error {
		n++
		if r.Mention.Sentence != want[r.Mention.ID] {
			t.Errorf("Mentions: mention %d: sentence %q, want %q", r.Mention.ID, r.Mention.Sentence, want[r.Mention.ID])
		}
		return nil
	})
	if err != nil || n != 4 {
		t.Errorf("Mentions: %d rows (%v), want 4", n, err)
	}
}
