package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"mentionmap/geo"
)

// testChangeLog checks that Changes names exactly the articles each
// write created, and that MentionFacts reads their mentions as stored.
func testChangeLog(t *testing.T, s geo.ArticleStore) {
	cl, ok := s.(geo.ChangeLog)
	if !ok {
		t.Skip("the store keeps no change log")
	}
	ctx := context.Background()
	v0, changes, err := cl.Changes(ctx, 0)
	if err != nil || len(changes) != 0 {
		t.Fatalf("Changes of an empty store: %v, %v", changes, err)
	}
	arts := seed(t, s)
	v1, changes, err := cl.Changes(ctx, v0)
	ids := geo.ChangedArticles(changes)
	if want := articleIDs(arts); err != nil || v1 <= v0 || fmt.Sprint(sorted(ids)) != fmt.Sprint(want) {
		t.Errorf("Changes(%d) after the seed: version %d, %v (%v); want past %d, %v", v0, v1, ids, err, v0, want)
	}
	for _, c := range changes {
		if !c.Mine || c.Version <= v0 || c.Version > v1 {
			t.Errorf("change %+v: want one of this store's, from %d to %d", c, v0+1, v1)
		}
	}
	if v, err := s.Version(ctx); err != nil || v != v1 {
		t.Errorf("Version %d (%v), Changes says %d", v, err, v1)
	}
	// A write that adds nothing changes nothing; a new article is named alone.
	if _, err := s.IngestBatch(ctx, fixture()[:2]); err != nil {
		t.Fatal(err)
	}
	late := article("https://x.test/late", "wire", "Late news from Tripoli", day(11), tripoli, libya)
	if _, err := s.IngestBatch(ctx, []*geo.Article{late}); err != nil {
		t.Fatal(err)
	}
	v2, changes, err := cl.Changes(ctx, v1)
	ids = geo.ChangedArticles(changes)
	if err != nil || v2 != v1+1 || fmt.Sprint(ids) != fmt.Sprint([]int64{late.ID}) {
		t.Errorf("Changes(%d): version %d, %v (%v); want %d, [%d]", v1, v2, ids, err, v1+1, late.ID)
	}
	var got []string
	err = cl.MentionFacts(ctx, []int64{late.ID}, func(f *geo.MentionFact) error {
		got = append(got, fmt.Sprintf("%d %d %s %.1f %v %s %s %s %v", f.ArticleID, f.Time, f.Source, f.Confidence,
			f.Demonym, f.Place.Name, f.Place.Kind, f.Place.Country, f.Place.Point))
		return nil
	})
	var want []string
	for _, m := range late.Mentions {
		want = append(want, fmt.Sprintf("%d %d %s %.1f %v %s %s %s %v", late.ID, late.Time().UnixMicro(), late.Source,
			m.Confidence, m.Demonym, m.Place.Name, m.Place.Kind, m.Place.Country, m.Place.Point))
	}
	slices.Sort(got)
	slices.Sort(want)
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("MentionFacts of the late article:\n%q (%v)\nwant\n%q", got, err, want)
	}
	n := 0
	if err := cl.MentionFacts(ctx, nil, func(*geo.MentionFact) error { n++; return nil }); err != nil || n != mentionCount(arts)+2 {
		t.Errorf("MentionFacts of all: %d (%v), want %d", n, err, mentionCount(arts)+2)
	}
}

func articleIDs(arts []*geo.Article) []int64 {
	var ids []int64
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	return sorted(ids)
}

func sorted(ids []int64) []int64 {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return ids
}

func mentionCount(arts []*geo.Article) int {
	n := 0
	for _, a := range arts {
		n += len(a.Mentions)
	}
	return n
}

// RunCounter checks a PlaceCounter made over a store, such as the
// in-memory copy of package columns: for every filter it counts (and
// draws timelines, if it does) as the oracle does, once made and after
// later writes, which it must follow.
// counter makes the counter over a store holding part of the fixture.
func RunCounter(t *testing.T, open func(t *testing.T) geo.ArticleStore, counter func(t *testing.T, s geo.ArticleStore) geo.PlaceCounter) {
	ctx := context.Background()
	s := open(t)
	arts := fixture()
	if _, err := s.IngestBatch(ctx, arts[:4]); err != nil {
		t.Fatal(err)
	}
	c := counter(t, s)
	t.Run("made", func(t *testing.T) { checkCounts(t, c, arts[:4]) })
	// Written after: a batch, a duplicate, then one article at a time.
	if _, err := s.IngestBatch(ctx, arts[4:7]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.IngestBatch(ctx, fixture()[:1]); err != nil {
		t.Fatal(err)
	}
	arts = append(arts, reprints()...)
	for _, a := range arts[7:] {
		if _, err := s.IngestBatch(ctx, []*geo.Article{a}); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("followed", func(t *testing.T) { checkCounts(t, c, arts) })
}

// checkCounts checks c's PlacePoints, and its timelines if it draws
// them, against the oracle over arts, for every filter.
func checkCounts(t *testing.T, c geo.PlaceCounter, arts []*geo.Article) {
	if tl, ok := c.(geo.Timeliner); ok {
		CheckTimeline(t, tl, arts)
	}
	for _, fc := range filterCases() {
		_, wantPlaces := expected(arts, fc.keep)
		checkPlacePoints(t, c, fc.name, fc.f, wantPlaces)
	}
}
