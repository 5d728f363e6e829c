package storetest

import (
	"context"
	"testing"

	"mentionmap/geo"
)

// testRevisions parses three stored articles "again": a mention moves,
// one is found anew, one is lost, and what analysts corrected holds.
func testRevisions(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	rv, ok := s.(geo.Reviser)
	cs, _ := s.(geo.CorrectionStore)
	if !ok || cs == nil {
		t.Fatal("the store revises no mentions")
	}
	arts := seed(t, s)
	harbour, strike, cyclone := stored(t, s, arts[1]), stored(t, s, arts[9]), stored(t, s, arts[2]) // Tripoli; Paris; Fiji and Apia
	for _, c := range []geo.Correction{
		{MentionID: strike.Mentions[0].ID, Action: geo.CorrectRemove},
		{MentionID: cyclone.Mentions[0].ID, Action: geo.CorrectConfirm},
	} {
		if err := cs.Correct(ctx, &c, nil); err != nil {
			t.Fatal(err)
		}
	}
	held, err := rv.HeldSpans(ctx, []int64{harbour.ID, strike.ID, cyclone.ID})
	span := func(m geo.Mention) geo.Span { return geo.Span{m.Start, m.End} }
	if err != nil || len(held) != 2 || !held[strike.ID][span(strike.Mentions[0])] || !held[cyclone.ID][span(cyclone.Mentions[0])] {
		t.Fatalf("held spans %v (%v)", held, err)
	}
	v0, _ := s.Version(ctx)
	moved := harbour.Mentions[0]
	moved.Place = tripoliLB
	airport := geo.Mention{Start: 0, End: 7, Text: "Airport", Sentence: strike.Text, Confidence: 0.7, Place: med}
	refound := strike.Mentions[0] // marked "not a place": a reparse finds it again, and it stays out
	fijiAgain := cyclone.Mentions[0]
	fijiAgain.Place = texas
	var revs []geo.Revision
	var total geo.RevisionCounts
	for _, c := range []struct {
		a      *geo.Article
		parsed []geo.Mention
	}{{harbour, []geo.Mention{moved}}, {strike, []geo.Mention{refound, airport}}, {cyclone, []geo.Mention{fijiAgain}}} {
		rev, n := geo.Revise(c.a, c.parsed, held[c.a.ID])
		revs, total = append(revs, rev), addCounts(total, n)
	}
	if want := (geo.RevisionCounts{Articles: 3, Moved: 1, Added: 1, Removed: 1, Held: 2}); total != want {
		t.Errorf("counts %+v, want %+v", total, want)
	}
	if err := rv.ApplyRevisions(ctx, revs); err != nil {
		t.Fatal(err)
	}
	checkArticle(t, s, harbour.ID, func(a *geo.Article) bool { return a.Mentions[0].Place.Key == tripoliLB.Key })
	checkArticle(t, s, strike.ID, func(a *geo.Article) bool { return len(a.Mentions) == 1 && a.Mentions[0].Place.Key == med.Key })
	checkArticle(t, s, cyclone.ID, func(a *geo.Article) bool {
		return len(a.Mentions) == 1 && a.Mentions[0].Place.Key == fiji.Key && a.Mentions[0].Confidence == 1
	})
	if got, counted := totals(t, s, false), totals(t, s, true); !equalTotals(got, counted) || got[apia.Key][0] != 1 {
		t.Errorf("stored totals %v, counted %v", got, counted)
	}
	_, changes, err := s.(geo.ChangeLog).Changes(ctx, v0)
	if err != nil || len(changes) != 1 || !changes[0].Revised || len(changes[0].Articles) != 3 {
		t.Errorf("change log of the revision: %+v (%v)", changes, err)
	}
	if err := rv.ApplyRevisions(ctx, revs[:0]); err != nil {
		t.Errorf("no revisions: %v", err)
	}
}

func addCounts(a, b geo.RevisionCounts) geo.RevisionCounts {
	a.Add(b)
	return a
}
