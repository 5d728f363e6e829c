package postgis

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

var _ geo.DeliveryStore = (*Store)(nil)

const deliveryCols = `id, watch_id, event_id, payload, status, attempts, next_at, last_code, last_error, created, delivered`

// QueueDeliveries stores pending deliveries, skipping those that any
// process queued already.
func (s *Store) QueueDeliveries(ctx context.Context, ds []geo.Delivery) (int, error) {
	if len(ds) == 0 {
		return 0, nil
	}
	n := len(ds)
	watches, events, payloads := make([]int64, n), make([]string, n), make([]string, n)
	next, created := make([]time.Time, n), make([]time.Time, n)
	for i, d := range ds {
		watches[i], events[i], payloads[i], next[i], created[i] = d.WatchID, d.EventID, d.Payload, d.NextAt, d.Created
	}
	tag, err := s.db.Exec(ctx, `INSERT INTO deliveries (watch_id, event_id, payload, next_at, created)
		SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])
		ON CONFLICT (watch_id, event_id) DO NOTHING`, watches, events, payloads, next, created)
	if err != nil {
		return 0, failed("queue deliveries", err)
	}
	return int(tag.RowsAffected()), nil
}

// ClaimDeliveries leases due pending deliveries. SKIP LOCKED lets the
// processes that claim at the same moment take different ones.
func (s *Store) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]geo.Delivery, error) {
	rows, err := s.db.Query(ctx, `UPDATE deliveries SET lease_until = $1
		WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_at <= $2 AND lease_until <= $2
			ORDER BY next_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
		RETURNING `+deliveryCols, now.Add(lease), now, limit)
	if err != nil {
		return nil, failed("claim deliveries", err)
	}
	claimed, err := scanDeliveries(rows)
	// RETURNING keeps no order: the due first, as they were chosen.
	slices.SortFunc(claimed, func(a, b geo.Delivery) int {
		return cmp.Or(a.NextAt.Compare(b.NextAt), cmp.Compare(a.ID, b.ID))
	})
	return claimed, err
}

// FinishAttempt records an attempt and ends the lease.
func (s *Store) FinishAttempt(ctx context.Context, d *geo.Delivery) error {
	_, err := s.db.Exec(ctx, `UPDATE deliveries SET status = $1, attempts = $2, next_at = $3, last_code = $4,
		last_error = $5, delivered = $6, lease_until = '-infinity' WHERE id = $7`,
		d.Status, d.Attempts, d.NextAt, d.LastCode, d.LastError, d.Delivered, d.ID)
	if err != nil {
		return failed("finish delivery", err)
	}
	return nil
}

// Deliveries lists a watch's deliveries, newest first, from the primary,
// where the dispatchers write them.
func (s *Store) Deliveries(ctx context.Context, watchID int64, limit, offset int) ([]geo.Delivery, error) {
	rows, err := s.db.Query(ctx, `SELECT `+deliveryCols+` FROM deliveries WHERE watch_id = $1
		ORDER BY id DESC LIMIT $2 OFFSET $3`, watchID, limit, offset)
	if err != nil {
		return nil, failed("deliveries", err)
	}
	return scanDeliveries(rows)
}

func scanDeliveries(rows pgx.Rows) ([]geo.Delivery, error) {
	defer rows.Close()
	out := []geo.Delivery{}
	for rows.Next() {
		var d geo.Delivery
		if err := rows.Scan(&d.ID, &d.WatchID, &d.EventID, &d.Payload, &d.Status, &d.Attempts, &d.NextAt,
			&d.LastCode, &d.LastError, &d.Created, &d.Delivered); err != nil {
			return nil, failed("deliveries", err)
		}
		d.NextAt, d.Created = d.NextAt.UTC(), d.Created.UTC()
		if d.Delivered != nil {
			t := d.Delivered.UTC()
			d.Delivered = &t
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, failed("deliveries", err)
	}
	return out, nil
}
