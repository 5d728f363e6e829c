package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// lebanon's Tripoli, where a correction moves a mention of Libya's.
var tripoliLB = geo.Place{Key: "266826", GeonameID: 266826, Name: "Tripoli", Kind: geo.KindCity, Country: "LB", Admin1: "09", Point: orb.Point{35.84972, 34.43667}}

// totals reads each place's mentions, articles and stories, from the
// stored totals (a filter by place alone) or by counting the mentions (any
// other).
func totals(t *testing.T, s geo.ArticleStore, counted bool) map[string][3]int {
	t.Helper()
	f := geo.Filter{Limit: 100}
	if counted {
		f.MinConfidence = 0.01
	}
	out := map[string][3]int{}
	err := s.PlaceSummaries(context.Background(), f, func(ps *geo.PlaceSummary) error {
		out[ps.Place.Key] = [3]int{ps.Mentions, ps.Articles, ps.Stories}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// testCorrections moves, removes and confirms mentions, and undoes them:
// each shows at once in the article, the totals (which equal a recount)
// and the change log, and the audit log keeps every step.
func testCorrections(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	cs, ok := s.(geo.CorrectionStore)
	if !ok {
		t.Fatal("the store keeps no corrections")
	}
	arts := seed(t, s)
	harbour, strike, cyclone := stored(t, s, arts[1]), stored(t, s, arts[9]), stored(t, s, arts[2]) // Tripoli; Paris; Fiji and Apia
	v0, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	correct := func(c geo.Correction, to *geo.Place) geo.Correction {
		t.Helper()
		if err := cs.Correct(ctx, &c, to); err != nil {
			t.Fatalf("%s mention %d: %v", c.Action, c.MentionID, err)
		}
		return c
	}
	move := correct(geo.Correction{MentionID: harbour.Mentions[0].ID, Action: geo.CorrectMove, By: "ana", Note: "the port is Lebanon's"}, &tripoliLB)
	remove := correct(geo.Correction{MentionID: strike.Mentions[0].ID, Action: geo.CorrectRemove, By: "ben"}, nil)
	confirm := correct(geo.Correction{MentionID: cyclone.Mentions[0].ID, Action: geo.CorrectConfirm}, nil)
	if move.Before == nil || move.Before.PlaceKey != tripoli.Key || move.After == nil || move.After.PlaceKey != tripoliLB.Key ||
		remove.After != nil || confirm.After.Confidence != 1 || move.ArticleID != harbour.ID || move.Text != "Tripoli" {
		t.Errorf("logged %+v, %+v, %+v", move, remove, confirm)
	}
	got := totals(t, s, false)
	want := map[string]int{tripoli.Key: 4, tripoliLB.Key: 1, paris.Key: 2}
	for key, n := range want {
		if got[key][0] != n {
			t.Errorf("after the corrections, %s has %d mentions, want %d", key, got[key][0], n)
		}
	}
	if counted := totals(t, s, true); !equalTotals(got, counted) {
		t.Errorf("stored totals %v, counted %v", got, counted)
	}
	checkArticle(t, s, harbour.ID, func(a *geo.Article) bool { return a.Mentions[0].Place.Key == tripoliLB.Key })
	checkArticle(t, s, strike.ID, func(a *geo.Article) bool { return len(a.Mentions) == 0 })
	checkArticle(t, s, cyclone.ID, func(a *geo.Article) bool { return a.Mentions[0].Confidence == 1 })
	_, changes, err := s.(geo.ChangeLog).Changes(ctx, v0)
	if err != nil || len(changes) != 3 || !slices.Equal(changes[0].Articles, []int64{harbour.ID}) || !changes[2].Revised {
		t.Errorf("change log after the corrections: %+v (%v)", changes, err)
	}
	lessons, err := cs.CorrectionLessons(ctx)
	wantLessons := []geo.CorrectionLesson{{Source: "wire", Text: "Tripoli", PlaceKey: tripoliLB.Key}, {Source: "wire", Text: "Paris"}}
	if err != nil || !slices.Equal(lessons, wantLessons) {
		t.Errorf("lessons %+v (%v), want %+v", lessons, err, wantLessons)
	}
	testUndo(t, s, cs, move, remove, harbour, strike)
}

// testUndo undoes a move and a removal, and refuses what cannot be undone.
func testUndo(t *testing.T, s geo.ArticleStore, cs geo.CorrectionStore, move, remove geo.Correction, harbour, strike *geo.Article) {
	ctx := context.Background()
	for _, c := range []geo.Correction{move, remove} {
		u, err := cs.Undo(ctx, c.ID, "cy", "")
		if err != nil || u.Undoes != c.ID || u.Action != geo.CorrectUndo {
			t.Fatalf("undo %d: %+v (%v)", c.ID, u, err)
		}
	}
	got := totals(t, s, false)
	if got[tripoli.Key][0] != 5 || got[paris.Key][0] != 3 || got[tripoliLB.Key] != [3]int{} {
		t.Errorf("after the undos: %v", got)
	}
	if lessons, err := cs.CorrectionLessons(ctx); err != nil || len(lessons) != 0 {
		t.Errorf("lessons after the undos: %+v (%v)", lessons, err)
	}
	checkArticle(t, s, harbour.ID, func(a *geo.Article) bool { return a.Mentions[0].Place.Key == tripoli.Key })
	checkArticle(t, s, strike.ID, func(a *geo.Article) bool {
		return len(a.Mentions) == 1 && a.Mentions[0].ID == strike.Mentions[0].ID && a.Mentions[0].Sentence == strike.Mentions[0].Sentence
	})
	later := geo.Correction{MentionID: harbour.Mentions[0].ID, Action: geo.CorrectMove}
	if err := cs.Correct(ctx, &later, &tripoliLB); err != nil {
		t.Fatal(err)
	}
	confirmLater := geo.Correction{MentionID: harbour.Mentions[0].ID, Action: geo.CorrectConfirm}
	if err := cs.Correct(ctx, &confirmLater, nil); err != nil {
		t.Fatal(err)
	}
	log, err := cs.Corrections(ctx, 100, 0)
	if err != nil || len(log) != 7 || log[0].ID != confirmLater.ID || log[len(log)-1].ID != move.ID || log[len(log)-1].UndoneBy == 0 {
		t.Errorf("audit log: %+v (%v)", log, err)
	}
	for _, c := range []struct {
		name string
		err  error
		code string
	}{
		{"undo twice", undoErr(cs, move.ID), geo.ECONFLICT},
		{"undo an undo", undoErr(cs, log[2].ID), geo.ECONFLICT},
		{"undo before a later correction", undoErr(cs, later.ID), geo.ECONFLICT},
		{"undo an unknown correction", undoErr(cs, 9999), geo.ENOTFOUND},
		{"correct an unknown mention", cs.Correct(ctx, &geo.Correction{MentionID: 9999, Action: geo.CorrectConfirm}, nil), geo.ENOTFOUND},
		{"correct a removed mention", correctRemovedErr(cs, remove.MentionID), geo.ENOTFOUND},
		{"an unknown action", cs.Correct(ctx, &geo.Correction{MentionID: move.MentionID, Action: "rename"}, nil), geo.EINVALID},
	} {
		if code := geo.ErrorCode(c.err); code != c.code {
			t.Errorf("%s: %v (%s), want %s", c.name, c.err, code, c.code)
		}
	}
}

// stored reads an article back, with its mentions' ids, which a store
// need not set on ingest.
func stored(t *testing.T, s geo.ArticleStore, a *geo.Article) *geo.Article {
	t.Helper()
	got, err := s.Article(context.Background(), a.ID, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func undoErr(cs geo.CorrectionStore, id int64) error {
	_, err := cs.Undo(context.Background(), id, "", "")
	return err
}

// correctRemovedErr removes a mention again and then confirms it.
func correctRemovedErr(cs geo.CorrectionStore, id int64) error {
	ctx := context.Background()
	if err := cs.Correct(ctx, &geo.Correction{MentionID: id, Action: geo.CorrectRemove}, nil); err != nil {
		return err
	}
	return cs.Correct(ctx, &geo.Correction{MentionID: id, Action: geo.CorrectConfirm}, nil)
}

func checkArticle(t *testing.T, s geo.ArticleStore, id int64, ok func(*geo.Article) bool) {
	t.Helper()
	a, err := s.Article(context.Background(), id, 10, 0)
	if err != nil || !ok(a) {
		t.Errorf("article %d: %+v (%v)", id, a, err)
	}
}

func equalTotals(a, b map[string][3]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// testCorrectionsAtOnce corrects one mention from several callers at once:
// every correction is logged, and the mention ends as the last one says.
func testCorrectionsAtOnce(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	cs := s.(geo.CorrectionStore)
	harbour := stored(t, s, seed(t, s)[1])
	id := harbour.Mentions[0].ID
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			c := geo.Correction{MentionID: id, Action: geo.CorrectMove, By: fmt.Sprint("analyst ", i)}
			to := &tripoliLB
			if i%2 == 1 {
				c.Action, to = geo.CorrectConfirm, nil
			}
			if err := cs.Correct(ctx, &c, to); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	log, err := cs.Corrections(ctx, 100, 0)
	if err != nil || len(log) != 6 {
		t.Fatalf("%d corrections logged of 6 (%v)", len(log), err)
	}
	for i := 1; i < len(log); i++ { // each begins where the one before it ended
		if *log[i-1].Before != *log[i].After {
			t.Errorf("correction %d began at %+v, but %d left %+v", log[i-1].ID, log[i-1].Before, log[i].ID, log[i].After)
		}
	}
	got := stored(t, s, harbour).Mentions[0]
	if last := log[0].After; got.Place.Key != last.PlaceKey || got.Confidence != last.Confidence {
		t.Errorf("the mention is at %s (%.2f), the last correction says %+v", got.Place.Key, got.Confidence, last)
	}
}
