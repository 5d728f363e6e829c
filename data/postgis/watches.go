package postgis

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

var _ geo.WatchStore = (*Store)(nil)

const watchCols = `id, name, west, south, east, north, filter, created, webhook, secret`

// CreateWatch stores w and sets its ID and Created.
func (s *Store) CreateWatch(ctx context.Context, w *geo.Watch) error {
	if err := w.Validate(); err != nil {
		return err
	}
	err := s.db.QueryRow(ctx, `INSERT INTO watches (name, west, south, east, north, filter, created, webhook, secret)
		VALUES ($1, $2, $3, $4, $5, $6, date_trunc('second', now()), $7, $8) RETURNING id, created`,
		w.Name, w.BBox[0], w.BBox[1], w.BBox[2], w.BBox[3], w.Filter, w.Webhook, w.Secret).Scan(&w.ID, &w.Created)
	if err != nil {
		return failed("create watch", err)
	}
	w.Created = w.Created.UTC()
	return nil
}

// Watch returns a stored watch. Watches are few and just written: the
// primary answers.
func (s *Store) Watch(ctx context.Context, id int64) (*geo.Watch, error) {
	w, err := scanWatch(s.db.QueryRow(ctx, `SELECT `+watchCols+` FROM watches WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, geo.Errorf(geo.ENOTFOUND, "watch %d not found", id)
	} else if err != nil {
		return nil, failed("watch", err)
	}
	return w, nil
}

// Watches returns every watch, oldest first.
func (s *Store) Watches(ctx context.Context) ([]geo.Watch, error) {
	rows, err := s.db.Query(ctx, `SELECT `+watchCols+` FROM watches ORDER BY id`)
	if err != nil {
		return nil, failed("watches", err)
	}
	defer rows.Close()
	out := []geo.Watch{}
	for rows.Next() {
		w, err := scanWatch(rows)
		if err != nil {
			return nil, failed("watches", err)
		}
		out = append(out, *w)
	}
	if err := rows.Err(); err != nil {
		return nil, failed("watches", err)
	}
	return out, nil
}

func scanWatch(sc interface{ Scan(...any) error }) (*geo.Watch, error) {
	var w geo.Watch
	if err := sc.Scan(&w.ID, &w.Name, &w.BBox[0], &w.BBox[1], &w.BBox[2], &w.BBox[3], &w.Filter, &w.Created, &w.Webhook, &w.Secret); err != nil {
		return nil, err
	}
	w.Created = w.Created.UTC()
	return &w, nil
}
