package postgis_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/data/postgis"
	"mentionmap/data/postgis/pgtest"
	"mentionmap/geo"
)

// TestUnreachableFailsFast: a server that does not answer fails Open
// within the connect timeout, with EUNAVAILABLE and no password.
func TestUnreachableFailsFast(t *testing.T) {
	start := time.Now()
	_, err := postgis.Open(context.Background(), "postgres://bob:s3cret@127.0.0.1:1/news?sslmode=disable", nil)
	if geo.ErrorCode(err) != geo.EUNAVAILABLE || time.Since(start) > 12*time.Second {
		t.Fatalf("after %v: %v", time.Since(start), err)
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("the error shows the password: %v", err)
	}
	if got := postgis.Redact("postgres://bob:s3cret@db.example:5433/news"); strings.Contains(got, "s3cret") {
		t.Errorf("Redact = %q", got)
	}
}

// TestLostConnectionsRecover kills the store's connections, as a database
// restart does: the next query fails as EUNAVAILABLE (503), never as an
// internal error, and the store recovers by itself.
func TestLostConnectionsRecover(t *testing.T) {
	s, dsn := pgtest.Open(t)
	ctx := context.Background()
	if _, err := s.Version(ctx); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(dsn)
	q := u.Query()
	app := q.Get("application_name")
	q.Del("search_path")
	q.Del("application_name")
	u.RawQuery = q.Encode()
	admin, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE application_name = $1`, app); err != nil {
		t.Fatal(err)
	}
	var codes []string
	recovered := false
	for range 20 {
		_, err := s.Version(ctx)
		if err == nil {
			recovered = true
			break
		}
		codes = append(codes, geo.ErrorCode(err))
		time.Sleep(50 * time.Millisecond)
	}
	for _, c := range codes {
		if c != geo.EUNAVAILABLE {
			t.Errorf("a lost connection gave %q, want %q", c, geo.EUNAVAILABLE)
		}
	}
	if !recovered {
		t.Error("the store did not recover")
	}
}
