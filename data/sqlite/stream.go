package sqlite

import (
	"context"
	"database/sql"
	"errors"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"mentionmap/geo"
)

// stream runs a read query and calls row once per result row, so results
// of any size pass through in constant memory. Query and iteration
// failures become internal errors named by what; an error from row is
// returned as it is (row wraps its own scan errors with failed).
func (s *Store) stream(ctx context.Context, what, q string, args []any, row func(*sql.Rows) error) error {
	return streamOn(ctx, s.r, what, q, args, row)
}

// queryer is a pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// streamOn is stream on db, which may be a transaction.
func streamOn(ctx context.Context, db queryer, what, q string, args []any, row func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return failed(what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return failed(what, err)
	}
	return nil
}

// failed wraps a database error: EFULL when the disk is full, which a
// client can be told, and otherwise an internal error, whose cause is
// logged and never shown.
func failed(what string, err error) error {
	var se *msqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return geo.Wrap(geo.EFULL, err, "the database's disk is full: writes fail until space is freed")
	}
	return geo.Wrap(geo.EINTERNAL, err, "%s", what)
}
