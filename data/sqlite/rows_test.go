package sqlite

import (
	"context"
	"database/sql/driver"
	"testing"
	"time"

	"mentionmap/geo"
)

func TestDriverValue(t *testing.T) {
	type name string
	for _, c := range []struct {
		in   any
		want driver.Value
		err  bool
	}{
		{in: nil, want: nil},
		{in: 3, want: int64(3)},
		{in: int64(-4), want: int64(-4)},
		{in: int32(5), want: int64(5)},
		{in: 0.25, want: 0.25},
		{in: true, want: true},
		{in: "Sirte", want: "Sirte"},
		{in: name("Tripoli"), want: "Tripoli"},
		{in: geo.KindCity, want: string(geo.KindCity)},
		{in: struct{}{}, err: true},
	} {
		got, err := driverValue(c.in)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("driverValue(%#v) = %#v, %v; want %#v, error %v", c.in, got, err, c.want, c.err)
		}
	}
}

// A failed statement of a batch's rows reports SQLite's error, and leaves
// the writer's connection usable: the next batch stores.
func TestMultiRowFailureKeepsConnection(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	tc, err := s.beginConn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := newMultiRow(tc, `INSERT INTO place_articles (place_id, time, article_id) VALUES`, ``, 3, 2)
	err = m.exec(ctx, 3, func(i int, args []any) ([]any, error) {
		if i == 2 {
			return append(args, 1, nil, 1), nil // time is NOT NULL
		}
		return append(args, 1, i, 1), nil
	})
	if err == nil {
		t.Fatal("a NULL time was stored")
	}
	m.close()
	tc.Rollback()
	tc.conn.Close()

	a := article("https://news.test/1", "Talks in Tripoli.", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), tripoli)
	created, err := s.IngestBatch(ctx, []*geo.Article{a})
	if err != nil || !created[0] {
		t.Fatalf("ingest after a failed statement: %v, %v", created, err)
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM place_articles`).Scan(&n); err != nil || n != 1 {
		t.Errorf("place_articles holds %d rows (%v), want the batch's 1: the failed rows were rolled back", n, err)
	}
}
