package storetest

import (
	"context"
	"testing"

	"mentionmap/geo"
)

// testSentences stores sentences that are in the text, one with
// characters of several bytes before and in it, one that is not in the
// text, and an empty one, and reads each back unchanged, by article and
// in listings.
func testSentences(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	a := article("", "", "Fighting in Tripoli. Calm in Fiji – at last, Mişrātah says. Libya votes.", day(1), tripoli, fiji, libya)
	a.Mentions[0].Sentence = "Fighting in Tripoli."
	a.Mentions[1].Sentence = "Calm in Fiji – at last, Mişrātah says."
	a.Mentions[2].Sentence = "" // what a client might send
	b := article("", "", "Quiet day.", day(2), tripoli)
	b.Mentions[0].Sentence = "A sentence from elsewhere, in Tripoli."
	if _, err := s.IngestBatch(ctx, []*geo.Article{a, b}); err != nil {
		t.Fatal(err)
	}
	// A mention is known by its article and its start: stores need not
	// give the stored ids back.
	type key struct {
		article int64
		start   int
	}
	want := map[key]string{}
	for _, x := range []*geo.Article{a, b} {
		for _, m := range x.Mentions {
			want[key{x.ID, m.Start}] = m.Sentence
		}
	}
	for _, x := range []*geo.Article{a, b} {
		got, err := s.Article(ctx, x.ID, geo.MaxMentions, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range got.Mentions {
			if k := (key{x.ID, m.Start}); m.Sentence != want[k] {
				t.Errorf("article %d, mention at %d: sentence %q, want %q", x.ID, m.Start, m.Sentence, want[k])
			}
		}
	}
	n := 0
	err := s.Mentions(ctx, geo.Filter{Limit: 10}, func(r *geo.MentionRow) error {
		n++
		if k := (key{r.Article.ID, r.Mention.Start}); r.Mention.Sentence != want[k] {
			t.Errorf("Mentions: article %d, mention at %d: sentence %q, want %q", k.article, k.start, r.Mention.Sentence, want[k])
		}
		return nil
	})
	if err != nil || n != 4 {
		t.Errorf("Mentions: %d rows (%v), want 4", n, err)
	}
}
