package postgis_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"mentionmap/data/postgis"
)

// TestCopyBinary: what ingest's binary COPY writes, PostgreSQL reads back
// the same, for each type's edge values, and over many reads of the
// stream (rows past the connection's 64 KB buffer).
func TestCopyBinary(t *testing.T) {
	ctx, conn := connect(t)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE copied (k serial, i bigint, n integer, f double precision, b boolean, t text, j json,
		ts timestamptz)`); err != nil {
		t.Fatal(err)
	}
	rows := []postgis.CopyRow{
		{I: 1, N: 0, F: 0.5, B: true, T: "Sirte", J: `[[0.9],[1]]`, TS: time.Date(2026, 3, 1, 12, 30, 0, 123456000, time.UTC)},
		{I: -1, N: -7, F: math.Copysign(0, -1), B: false, T: "", J: nil, TS: time.Date(1999, 12, 31, 23, 59, 59, 999999000, time.UTC)},
		{I: math.MaxInt64, N: math.MaxInt32, F: math.MaxFloat64, T: "Mişrātah, N'Djamena — Zürich 東京", J: `{"a":"é"}`,
			TS: time.Date(1969, 7, 20, 20, 17, 40, 1000, time.UTC)},
		{I: math.MinInt64, N: math.MinInt32, F: math.SmallestNonzeroFloat64, T: strings.Repeat("x", 70000), J: "null",
			TS: time.Date(2026, 1, 1, 5, 0, 0, 0, time.FixedZone("UTC+5", 5*3600))},
	}
	for i := range 3000 { // about 100 KB more
		rows = append(rows, postgis.CopyRow{I: int64(i), N: i, F: float64(i) / 7, B: i%2 == 0, T: fmt.Sprint("place ", i),
			TS: time.Unix(int64(i)*86400, 0).UTC()})
	}
	if err := postgis.CopyRows(ctx, tx, "copied", rows); err != nil {
		t.Fatal(err)
	}
	got, err := tx.Query(ctx, `SELECT i, n, f, b, t, j::text, ts FROM copied ORDER BY k`)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	k := 0
	for ; got.Next(); k++ {
		var r postgis.CopyRow
		var j *string
		if err := got.Scan(&r.I, &r.N, &r.F, &r.B, &r.T, &j, &r.TS); err != nil {
			t.Fatal(err)
		}
		if j != nil {
			r.J = *j
		}
		want := rows[k]
		if r.I != want.I || r.N != want.N || r.F != want.F || r.B != want.B || r.T != want.T || r.J != want.J ||
			!r.TS.Equal(want.TS) {
			t.Errorf("row %d: read %+v, wrote %+v", k, short(r), short(want))
		}
	}
	if err := got.Err(); err != nil {
		t.Fatal(err)
	}
	if k != len(rows) {
		t.Errorf("read %d rows, wrote %d", k, len(rows))
	}
}

// short keeps an error message short.
func short(r postgis.CopyRow) postgis.CopyRow {
	if len(r.T) > 40 {
		r.T = r.T[:40] + "…"
	}
	return r
}
