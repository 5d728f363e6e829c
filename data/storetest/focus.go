package storetest

import (
	"context"
	"fmt"
	"testing"

	"mentionmap/geo"
)

// testFocusAndStories stores the fixture with reprints: every filter,
// with focus and distinct stories among them, keeps what the oracle
// keeps; places count the stories that mention them, before and after a
// correction recounts them; and an article lists its focus places.
func testFocusAndStories(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	arts := seed(t, s)
	copies := reprints()
	if _, err := s.IngestBatch(ctx, copies); err != nil {
		t.Fatal(err)
	}
	if !copies[1].Reprint() || copies[0].Reprint() {
		t.Fatalf("the reprint's story is %d, the first copy's %d", copies[1].Story, copies[0].Story)
	}
	arts = append(arts, copies...)
	for _, c := range filterCases() {
		t.Run(c.name, func(t *testing.T) { checkFilter(t, s, arts, c) })
	}
	want := storyTotals(arts)
	for _, counted := range []bool{false, true} {
		if got := totals(t, s, counted); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("totals (counted %v): %v, want %v", counted, got, want)
		}
	}
	a, err := s.Article(ctx, arts[3].ID, 10, 0) // "Talks in Paris on Libya": Paris is its focus
	if err != nil || len(a.Focus) != 1 || a.Focus[0].Key != paris.Key || !a.Mentions[0].Focus || a.Mentions[1].Focus {
		t.Errorf("article focus %+v (%v)", a, err)
	}
	cs, ok := s.(geo.CorrectionStore)
	if !ok {
		return
	}
	// Moving the reprint's Paris to Tripoli recounts both: a reprint
	// adds an article to Tripoli, and no story.
	stored, err := s.Article(ctx, copies[1].ID, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	move := geo.Correction{MentionID: stored.Mentions[0].ID, Action: geo.CorrectMove}
	if err := cs.Correct(ctx, &move, &tripoli); err != nil {
		t.Fatal(err)
	}
	copies[1].Mentions[0].Place = tripoli
	want = storyTotals(arts)
	for _, counted := range []bool{false, true} {
		if got := totals(t, s, counted); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("after a correction, totals (counted %v): %v, want %v", counted, got, want)
		}
	}
}

// storyTotals is the oracle of totals: each place's mentions, articles
// and stories (articles that are not reprints).
func storyTotals(arts []*geo.Article) map[string][3]int {
	out := map[string][3]int{}
	for _, a := range arts {
		seen := map[string]bool{}
		for _, m := range a.Mentions {
			v := out[m.Place.Key]
			v[0]++
			if !seen[m.Place.Key] {
				seen[m.Place.Key] = true
				v[1]++
				if !a.Reprint() {
					v[2]++
				}
			}
			out[m.Place.Key] = v
		}
	}
	return out
}
