package postgis_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mentionmap/data/postgis/pgtest"
	"mentionmap/geo"
)

// TestReplicaReadsOwnWrites writes through a store whose reads go to a
// hot standby: every read right after a write sees it, by id and by
// search, and the standby serves reads once it has caught up.
func TestReplicaReadsOwnWrites(t *testing.T) {
	s := pgtest.OpenWithReplica(t)
	ctx := context.Background()
	paris := geo.Place{Key: "2988507", Name: "Paris", Kind: geo.KindCity, Country: "FR", Point: orb.Point{2.35, 48.85}}
	for i := range 20 {
		word := fmt.Sprintf("word%dx", i)
		a := &geo.Article{URL: fmt.Sprintf("https://r.test/%d", i), Text: "Talks in Paris on " + word,
			Mentions: []geo.Mention{{Start: 9, End: 14, Text: "Paris", Sentence: "Talks in Paris", Confidence: 0.9, Place: paris}}}
		if _, err := s.IngestBatch(ctx, []*geo.Article{a}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Article(ctx, a.ID, 10, 0); err != nil {
			t.Fatalf("article %d right after its write: %v", a.ID, err)
		}
		tq, _ := geo.ParseQuery(word)
		if n, err := s.CountMentions(ctx, geo.Filter{Query: tq}); err != nil || n != 1 {
			t.Fatalf("search for %s right after its write: %d, %v", word, n, err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.ReplicaReads() == 0 && time.Now().Before(deadline) {
		time.Sleep(150 * time.Millisecond)
		s.CountMentions(ctx, geo.Filter{})
	}
	if s.ReplicaReads() == 0 {
		t.Error("the standby served no read once it had caught up")
	}
}
