package storetest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"mentionmap/geo"
)

// testDeliveries checks the webhook queue: an event is queued once per
// watch, a claim leases it to one caller, an attempt's outcome is kept,
// and a lease that ran out (its process died) lets another claim it.
func testDeliveries(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	ds, ok := s.(geo.DeliveryStore)
	ws, _ := s.(geo.WatchStore)
	if !ok || ws == nil {
		t.Fatal("the store keeps no deliveries")
	}
	w := &geo.Watch{Name: "Libya", BBox: geo.BBox{9, 19, 26, 34}, Webhook: "https://hooks.test/in", Secret: "s3cret"}
	if err := ws.CreateWatch(ctx, w); err != nil {
		t.Fatal(err)
	}
	if got, err := ws.Watch(ctx, w.ID); err != nil || got.Webhook != w.Webhook || got.Secret != w.Secret {
		t.Fatalf("watch read back as %+v (%v)", got, err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	queue := func(events ...string) int {
		var batch []geo.Delivery
		for _, e := range events {
			batch = append(batch, geo.Delivery{WatchID: w.ID, EventID: e, Payload: `{"event":"` + e + `"}`, NextAt: now, Created: now})
		}
		n, err := ds.QueueDeliveries(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	claim := func(at time.Time) []geo.Delivery {
		got, err := ds.ClaimDeliveries(ctx, at, time.Minute, 10)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if n := queue("new:1", "new:2"); n != 2 {
		t.Errorf("queued %d of 2 new events", n)
	}
	if n := queue("new:1", "new:3"); n != 1 {
		t.Errorf("queued %d of one new event and one queued before", n)
	}
	first := claim(now)
	if len(first) != 3 || first[0].EventID != "new:1" || first[0].Payload != `{"event":"new:1"}` || first[0].Status != geo.DeliveryPending {
		t.Fatalf("first claim: %+v", first)
	}
	if again := claim(now); len(again) != 0 {
		t.Errorf("a second claim took leased deliveries: %+v", again)
	}
	done := first[0]
	done.Status, done.Attempts, done.LastCode, done.Delivered = geo.DeliveryDelivered, 1, 200, &now
	retry := first[1]
	retry.Attempts, retry.LastCode, retry.LastError, retry.NextAt = 1, 500, "HTTP 500", now.Add(10*time.Second)
	for _, d := range []*geo.Delivery{&done, &retry} {
		if err := ds.FinishAttempt(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if got := claim(now.Add(5 * time.Second)); len(got) != 0 {
		t.Errorf("claimed before the retry was due and while a lease held: %+v", got)
	}
	late := claim(now.Add(61 * time.Second))
	if len(late) != 2 || late[0].EventID != "new:3" || late[1].EventID != "new:2" || late[1].Attempts != 1 {
		t.Errorf("after the backoff and a lapsed lease, claimed %+v", late)
	}
	log, err := ds.Deliveries(ctx, w.ID, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 3 || log[2].Status != geo.DeliveryDelivered || log[2].Delivered == nil || !log[2].Delivered.Equal(now) ||
		log[2].LastCode != 200 || log[1].LastError != "HTTP 500" {
		t.Errorf("delivery log: %+v", log)
	}
	testClaimsShareNothing(t, ds, w.ID, now.Add(time.Hour))
}

// testClaimsShareNothing claims at once from two callers: no delivery
// goes to both.
func testClaimsShareNothing(t *testing.T, ds geo.DeliveryStore, watch int64, now time.Time) {
	ctx := context.Background()
	var batch []geo.Delivery
	for i := range 20 {
		batch = append(batch, geo.Delivery{WatchID: watch, EventID: fmt.Sprint("rise:", i), Payload: "{}", NextAt: now, Created: now})
	}
	if _, err := ds.QueueDeliveries(ctx, batch); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				got, err := ds.ClaimDeliveries(ctx, now, time.Minute, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, d := range got {
					if strings.HasPrefix(d.EventID, "rise:") { // not the earlier test's
						seen[d.ID]++
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != 20 {
		t.Errorf("two claimers took %d distinct deliveries of 20", len(seen))
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("delivery %d was claimed %d times", id, n)
		}
	}
}
