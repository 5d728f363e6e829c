// Package alerts posts the events of watches to their webhooks: each event
// once, signed with HMAC-SHA256 on the watch's secret, retried with
// exponential backoff, and logged in the store (geo.DeliveryStore), so that
// any number of serve processes share the work and deliver an event once.
//
// A round reads every watch that has a webhook, queues the events it has
// not queued before, and then attempts the deliveries that are due. It runs
// beside the server, never in the path of ingest: a webhook that fails or
// hangs only delays its own deliveries.
package alerts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"mentionmap/geo"
)

// Store is what a dispatcher needs of the store.
type Store interface {
	geo.WatchStore
	geo.DeliveryStore
}

// Events computes what happened in a watch's area (handlers.Server).
type Events interface {
	WatchEvents(ctx context.Context, w *geo.Watch, now time.Time) ([]geo.WatchEvent, error)
}

// Dispatcher runs the rounds. Its zero durations take the defaults below.
type Dispatcher struct {
	Store  Store
	Events Events
	Client *http.Client // dials under the feeds' address rules (feeds.Fetcher)
	Log    *slog.Logger
	Every  time.Duration // between rounds; default 30 s
	// Timeout ends an attempt at a webhook that does not answer; default 10 s.
	Timeout time.Duration
	// Leases, when the store grants them (PostgreSQL), let one process of
	// several look for events; every process delivers.
	Leases geo.Leaser

	now func() time.Time // for tests
}

const (
	defaultTimeout = 10 * time.Second
	lease          = time.Minute // a claimed delivery is another process's after this
	claimBatch     = 20
	parallel       = 4 // deliveries attempted at once, so one slow webhook delays few others
	firstBackoff   = 10 * time.Second
	maxBackoff     = time.Hour
	maxAttempts    = 8 // over about 21 minutes, then "failed"
)

// Run runs a round at once and then every d.Every, until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) {
	every := d.Every
	if every <= 0 {
		every = 30 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := d.Round(ctx); err != nil && ctx.Err() == nil {
			d.Log.Warn("webhooks: a round failed; trying again at the next", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Round queues new events and attempts the deliveries that are due. A
// watch whose events cannot be read now (a busy server refuses the
// reads) delays neither the others nor the deliveries.
func (d *Dispatcher) Round(ctx context.Context) error {
	start := time.Now()
	var watches, queued int
	lead, qerr := d.leads(ctx)
	if qerr == nil && lead {
		watches, queued, qerr = d.queue(ctx)
	}
	attempted, derr := d.deliverDue(ctx)
	if queued > 0 || attempted > 0 {
		d.Log.Info("webhooks", "watches", watches, "queued", queued, "attempted", attempted,
			"took", time.Since(start).Round(time.Millisecond))
	}
	return errors.Join(qerr, derr)
}

// leads reports whether this process looks for events: always, unless
// the store grants leases and another process holds this one.
func (d *Dispatcher) leads(ctx context.Context) (bool, error) {
	if d.Leases == nil {
		return true, nil
	}
	return d.Leases.Lease(ctx, "webhook events")
}

func (d *Dispatcher) clock() time.Time {
	if d.now != nil {
		return d.now()
	}
	return time.Now()
}

// queue stores a pending delivery for each event of each watch with a
// webhook; events queued before, by any process, are skipped. It returns
// how many watches have webhooks, and how many deliveries it queued.
func (d *Dispatcher) queue(ctx context.Context) (hooked, queued int, err error) {
	watches, err := d.Store.Watches(ctx)
	if err != nil {
		return 0, 0, err
	}
	now := d.clock().UTC().Truncate(time.Second)
	var failed []error
	for i := range watches {
		w := &watches[i]
		if w.Webhook == "" {
			continue
		}
		hooked++
		events, err := d.Events.WatchEvents(ctx, w, now)
		if err != nil {
			failed = append(failed, fmt.Errorf("watch %d: %w", w.ID, err))
			continue
		}
		batch := make([]geo.Delivery, 0, len(events))
		for j := range events {
			body, err := payload(w, &events[j])
			if err != nil {
				return hooked, queued, err
			}
			batch = append(batch, geo.Delivery{WatchID: w.ID, EventID: events[j].ID, Payload: string(body), NextAt: now, Created: now})
		}
		n, err := d.Store.QueueDeliveries(ctx, batch)
		if err != nil {
			return hooked, queued, err
		}
		queued += n
	}
	return hooked, queued, errors.Join(failed...)
}
