package geo

import (
	"context"
	"time"
)

// WatchEvent is something that happened in a watch's area: a place first
// mentioned there since the watch was made ("new"), or a place whose
// mentions rise this week ("rise"). ID is stable: the same event has the
// same ID at every reading, in every process.
type WatchEvent struct {
	ID, Kind, Text string
	Place          ClusterPoint
	When           time.Time
}

// Title is the event's headline in w: "New in Libya: Sirte".
func (e *WatchEvent) Title(w *Watch) string {
	if e.Kind == "new" {
		return "New in " + w.Name + ": " + e.Place.Name
	}
	return "Rising in " + w.Name + ": " + e.Place.Name
}

// Delivery states.
const (
	DeliveryPending   = "pending"   // waiting for its next attempt
	DeliveryDelivered = "delivered" // the webhook answered 2xx
	DeliveryFailed    = "failed"    // every attempt failed; no more are made
)

// Delivery is one event of a watch on its way to the watch's webhook,
// with what its attempts met.
type Delivery struct {
	ID        int64      `json:"id"`
	WatchID   int64      `json:"watch_id"`
	EventID   string     `json:"event_id"`
	Payload   string     `json:"payload"` // the JSON body posted, the same at every attempt
	Status    string     `json:"status"`
	Attempts  int        `json:"attempts"`
	NextAt    time.Time  `json:"next_attempt"`
	LastCode  int        `json:"last_status,omitempty"` // the webhook's last HTTP status
	LastError string     `json:"last_error,omitempty"`
	Created   time.Time  `json:"created"`
	Delivered *time.Time `json:"delivered,omitempty"`
}

// DeliveryStore keeps the webhook deliveries of watches. Both stores
// implement it, so that several processes deliver each event once: an
// event is queued once per watch, whoever sees it first, and a claim
// leases a delivery to one process at a time.
type DeliveryStore interface {
	// QueueDeliveries stores pending deliveries due at once, skipping those
	// whose watch and event are queued already; it returns how many it added.
	QueueDeliveries(ctx context.Context, ds []Delivery) (int, error)
	// ClaimDeliveries leases up to limit pending deliveries that are due
	// at now, and not leased by another process, until now+lease.
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error)
	// FinishAttempt records an attempt at d: its Status, Attempts, NextAt,
	// LastCode, LastError and Delivered, and ends its lease.
	FinishAttempt(ctx context.Context, d *Delivery) error
	// Deliveries lists a watch's deliveries, newest first.
	Deliveries(ctx context.Context, watchID int64, limit, offset int) ([]Delivery, error)
}
