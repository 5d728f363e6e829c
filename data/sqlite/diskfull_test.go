package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"mentionmap/geo"
)

// TestDiskFull fills the database up to SQLite's page limit, which fails
// as a full disk does: the write is refused with EFULL, nothing of it is
// stored, Ping reports it, and both clear once there is room again.
func TestDiskFull(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	now := time.Now()
	if _, err := s.Ingest(ctx, article("https://x.test/1", "Fighting in Tripoli.", now, tripoli)); err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.w.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	// The writer pool has one connection, which keeps the limit.
	if _, err := s.w.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
		t.Fatal(err)
	}
	big := article("https://x.test/2", strings.Repeat("Rain fell on Tripoli. ", 20000), now, tripoli)
	_, err := s.Ingest(ctx, big)
	if geo.ErrorCode(err) != geo.EFULL {
		t.Fatalf("ingest into a full database: %v, want code %s", err, geo.EFULL)
	}
	if strings.Contains(geo.ErrorMessage(err), "(13)") {
		t.Errorf("the message shows SQLite's text: %q", geo.ErrorMessage(err))
	}
	if err := s.Ping(ctx); geo.ErrorCode(err) != geo.EFULL {
		t.Errorf("Ping with a full disk: %v", err)
	}
	if n, err := s.CountMentions(ctx, geo.Filter{}); err != nil || n != 1 {
		t.Errorf("mentions after the failed write: %d, %v; want 1", n, err)
	}
	if _, err := s.w.ExecContext(ctx, "PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(ctx, big); err != nil {
		t.Fatalf("ingest once there is room: %v", err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping once there is room: %v", err)
	}
}
