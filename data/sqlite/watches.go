package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"mentionmap/geo"
)

var _ geo.WatchStore = (*Store)(nil)

const watchCols = `id, name, west, south, east, north, filter, created, webhook, secret`

// CreateWatch stores w and sets its ID and Created.
func (s *Store) CreateWatch(ctx context.Context, w *geo.Watch) error {
	if err := w.Validate(); err != nil {
		return err
	}
	w.Created = time.Now().UTC().Truncate(time.Second)
	res, err := s.w.ExecContext(ctx, `INSERT INTO watches (name, west, south, east, north, filter, created, webhook, secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		w.Name, w.BBox[0], w.BBox[1], w.BBox[2], w.BBox[3], w.Filter, w.Created.Format(time.RFC3339), w.Webhook, w.Secret)
	if err != nil {
		return failed("create watch", err)
	}
	if w.ID, err = res.LastInsertId(); err != nil {
		return failed("create watch", err)
	}
	return nil
}

// Watch returns a stored watch.
func (s *Store) Watch(ctx context.Context, id int64) (*geo.Watch, error) {
	w, err := scanWatch(s.r.QueryRowContext(ctx, `SELECT `+watchCols+` FROM watches WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, geo.Errorf(geo.ENOTFOUND, "watch %d not found", id)
	} else if err != nil {
		return nil, failed("watch", err)
	}
	return w, nil
}

// Watches returns every watch, oldest first.
func (s *Store) Watches(ctx context.Context) ([]geo.Watch, error) {
	out := []geo.Watch{}
	err := s.stream(ctx, "watches", `SELECT `+watchCols+` FROM watches ORDER BY id`, nil, func(rows *sql.Rows) error {
		w, err := scanWatch(rows)
		if err != nil {
			return failed("watches", err)
		}
		out = append(out, *w)
		return nil
	})
	return out, err
}

func scanWatch(sc interface{ Scan(...any) error }) (*geo.Watch, error) {
	var w geo.Watch
	var created string
	if err := sc.Scan(&w.ID, &w.Name, &w.BBox[0], &w.BBox[1], &w.BBox[2], &w.BBox[3], &w.Filter, &created, &w.Webhook, &w.Secret); err != nil {
		return nil, err
	}
	t, err := time.Parse(time.RFC3339, created)
	w.Created = t
	return &w, err
}
