// Package pgtest gives tests a PostgreSQL store of their own: a new schema
// on the server that MENTIONMAP_TEST_POSTGRES names (scripts/pg.sh starts
// one), dropped when the test ends. Without the variable, tests skip, but
// under CI=true they fail.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"mentionmap/data/postgis"
)

// Server is the DSN of a PostgreSQL server with PostGIS for the tests
// (scripts/pg.sh starts one). Without it the tests skip, except under CI,
// where they fail.
func Server(t *testing.T) string {
	t.Helper()
	return required(t, "MENTIONMAP_TEST_POSTGRES", "a PostgreSQL server with PostGIS (scripts/pg.sh start DIR)")
}

// Replica is the DSN of a hot standby of Server (scripts/pg.sh standby),
// required as Server is.
func Replica(t *testing.T) string {
	t.Helper()
	return required(t, "MENTIONMAP_TEST_POSTGRES_REPLICA", "a hot standby of MENTIONMAP_TEST_POSTGRES (scripts/pg.sh standby)")
}

// required reads the variable name: a test without it skips, except
// under CI, where it fails.
func required(t *testing.T, name, what string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" && os.Getenv("CI") == "true" {
		t.Fatalf("CI needs %s, the DSN of %s", name, what)
	}
	if v == "" {
		t.Skipf("set %s to the DSN of %s", name, what)
	}
	return v
}

// Schema creates a schema of the test's own on Server, dropped when the
// test ends, and returns a DSN whose connections use it.
func Schema(t *testing.T) string {
	t.Helper()
	dsn := Server(t)
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c, err := pgx.Connect(context.Background(), dsn); err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close(context.Background())
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	q.Set("application_name", schema) // names the test's connections, to kill only them
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens a store in a schema of the test's own (Schema), and returns
// it with its DSN.
func Open(t *testing.T) (*postgis.Store, string) {
	t.Helper()
	dsn := Schema(t)
	s, err := postgis.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dsn
}

// OpenWithReplica is Open, with reads sent to the hot standby that
// MENTIONMAP_TEST_POSTGRES_REPLICA names (scripts/pg.sh standby), which
// streams from the test server. Without it the test skips, except under
// CI, where it fails.
func OpenWithReplica(t *testing.T) *postgis.Store {
	t.Helper()
	replica := Replica(t)
	s, dsn := Open(t)
	u, _ := url.Parse(dsn)
	r, err := url.Parse(replica)
	if err != nil {
		t.Fatal(err)
	}
	r.RawQuery = u.RawQuery // the same schema
	if err := s.UseReplica(context.Background(), r.String()); err != nil {
		t.Fatal(err)
	}
	return s
}
