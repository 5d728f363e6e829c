package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"mentionmap/geo"
)

var _ geo.DeliveryStore = (*Store)(nil)

const deliveryCols = `id, watch_id, event_id, payload, status, attempts, next_at, last_code, last_error, created, delivered`

// QueueDeliveries stores pending deliveries, skipping those queued already.
func (s *Store) QueueDeliveries(ctx context.Context, ds []geo.Delivery) (int, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, failed("queue deliveries", err)
	}
	defer tx.Rollback()
	added := 0
	for _, d := range ds {
		res, err := tx.ExecContext(ctx, `INSERT INTO deliveries (watch_id, event_id, payload, next_at, created)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (watch_id, event_id) DO NOTHING`,
			d.WatchID, d.EventID, d.Payload, d.NextAt.Unix(), d.Created.Unix())
		if err != nil {
			return 0, failed("queue deliveries", err)
		}
		n, _ := res.RowsAffected()
		added += int(n)
	}
	if err := tx.Commit(); err != nil {
		return 0, failed("queue deliveries", err)
	}
	return added, nil
}

// ClaimDeliveries leases due pending deliveries in one statement, so that
// no two claims share one.
func (s *Store) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]geo.Delivery, error) {
	rows, err := s.w.QueryContext(ctx, `UPDATE deliveries SET lease_until = ?
		WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_at <= ? AND lease_until <= ?
			ORDER BY next_at, id LIMIT ?)
		RETURNING `+deliveryCols, now.Add(lease).Unix(), now.Unix(), now.Unix(), limit)
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
	var delivered any
	if d.Delivered != nil {
		delivered = d.Delivered.Unix()
	}
	_, err := s.w.ExecContext(ctx, `UPDATE deliveries SET status = ?, attempts = ?, next_at = ?, last_code = ?,
		last_error = ?, delivered = ?, lease_until = 0 WHERE id = ?`,
		d.Status, d.Attempts, d.NextAt.Unix(), d.LastCode, d.LastError, delivered, d.ID)
	if err != nil {
		return failed("finish delivery", err)
	}
	return nil
}

// Deliveries lists a watch's deliveries, newest first.
func (s *Store) Deliveries(ctx context.Context, watchID int64, limit, offset int) ([]geo.Delivery, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+deliveryCols+` FROM deliveries WHERE watch_id = ?
		ORDER BY id DESC LIMIT ? OFFSET ?`, watchID, limit, offset)
	if err != nil {
		return nil, failed("deliveries", err)
	}
	return scanDeliveries(rows)
}

func scanDeliveries(rows *sql.Rows) ([]geo.Delivery, error) {
	defer rows.Close()
	out := []geo.Delivery{}
	for rows.Next() {
		var d geo.Delivery
		var next, created int64
		var delivered sql.NullInt64
		if err := rows.Scan(&d.ID, &d.WatchID, &d.EventID, &d.Payload, &d.Status, &d.Attempts, &next,
			&d.LastCode, &d.LastError, &created, &delivered); err != nil {
			return nil, failed("deliveries", err)
		}
		d.NextAt, d.Created = time.Unix(next, 0).UTC(), time.Unix(created, 0).UTC()
		if delivered.Valid {
			t := time.Unix(delivered.Int64, 0).UTC()
			d.Delivered = &t
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, failed("deliveries", err)
	}
	return out, nil
}
