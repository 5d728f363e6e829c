package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// Unexported parts that the external tests check against a server.
var (
	SearchVector = func(title, text string) string {
		var v vectorBuilder
		return v.build(title, text)
	}
	TSQuery = tsQuery
)

// MentionsBy lists mentions as Mentions does, by the walk of the articles
// or by the sort of the pairs, whichever f would get.
func (s *Store) MentionsBy(ctx context.Context, f geo.Filter, byTime bool, fn func(*geo.MentionRow) error) error {
	return s.mentions(ctx, f, byTime, fn)
}

// CopyRow is a row of the binary COPY test's table: one field of each
// type that ingest copies (J is a string, or nil for NULL).
type CopyRow struct {
	I  int64
	N  int
	F  float64
	B  bool
	T  string
	J  any
	TS time.Time
}

// CopyRows copies rows into table (i, n, f, b, t, j, ts) as ingest copies
// mentions.
func CopyRows(ctx context.Context, tx pgx.Tx, table string, rows []CopyRow) error {
	return copyBinary(ctx, tx, "COPY "+table+" (i, n, f, b, t, j, ts) FROM STDIN WITH (FORMAT binary)", len(rows),
		func(i int, w *tupleEnc) {
			r := rows[i]
			w.fields(7)
			w.int8(r.I)
			w.int4(r.N)
			w.float8(r.F)
			w.bool(r.B)
			w.text(r.T)
			w.textOrNull(r.J)
			w.timestamptz(r.TS)
		})
}
