package postgis_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"mentionmap/data/postgis"
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
	// Under a loaded CI machine the standby may replay seconds behind, so
	// wait for its replay position to pass the primary's, then read.
	waitForReplay(t, ctx)
	time.Sleep(2 * postgis.ReplicaCheck)
	if _, err := s.CountMentions(ctx, geo.Filter{}); err != nil {
		t.Fatal(err)
	}
	if s.ReplicaReads() == 0 {
		t.Error("the standby served no read once it had caught up")
	}
}

// waitForReplay waits until the test standby has replayed the primary's
// WAL as it stands now.
func waitForReplay(t *testing.T, ctx context.Context) {
	t.Helper()
	primary, err := pgx.Connect(ctx, pgtest.Server(t))
	if err != nil {
		t.Fatal(err)
	}
	defer primary.Close(ctx)
	standby, err := pgx.Connect(ctx, pgtest.Replica(t))
	if err != nil {
		t.Fatal(err)
	}
	defer standby.Close(ctx)
	var lsn string
	if err := primary.QueryRow(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		t.Fatal(err)
	}
	var lag int64
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		err := standby.QueryRow(ctx, `SELECT pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::bigint`, lsn).Scan(&lag)
		if err != nil {
			t.Fatal(err)
		}
		if lag <= 0 {
			return
		}
	}
	t.Fatalf("the standby is still %d bytes of WAL behind after 60 s", lag)
}
