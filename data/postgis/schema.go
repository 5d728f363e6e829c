package postgis

import (
	"context"
	"net/url"

	"github.com/jackc/pgx/v5"
)

// FreshSchema empties (or creates) the schema name in the database at dsn,
// and returns the DSN of a store that lives in it: for the benchmark's
// passes, each into a new store on one server.
func FreshSchema(ctx context.Context, dsn, name string) (string, error) {
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return "", failed("connect", err)
	}
	defer c.Close(ctx)
	id := pgx.Identifier{name}.Sanitize()
	if _, err := c.Exec(ctx, "DROP SCHEMA IF EXISTS "+id+" CASCADE; CREATE SCHEMA "+id); err != nil {
		return "", failed("schema", err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("search_path", name+",public")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// Size is the bytes that the store's tables and indexes take.
func (s *Store) Size(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRow(ctx, `SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')`).Scan(&n)
	if err != nil {
		return 0, failed("size", err)
	}
	return n, nil
}
