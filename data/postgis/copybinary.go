package postgis

import (
	"context"
	"encoding/binary"
	"io"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
)

// binaryCopy streams rows to COPY ... FROM STDIN in PostgreSQL's binary
// format, encoding each as the server reads it. pgx's CopyFrom takes rows
// as []any and encodes every value through its type map: with a []any
// per mention, it took a tenth of the bench process's CPU under ingest,
// and its garbage as much again (pprof; docs/benchmarks.md). Rows are
// encoded as the connection reads, into one buffer, so a batch's rows
// never sit in memory encoded.
type binaryCopy struct {
	rows int                      // rows in all
	next int                      // the next row to encode
	row  func(i int, w *tupleEnc) // encodes row i
	enc  tupleEnc
	pos  int // of enc.buf already read
}

// copyBinary runs sql, a COPY ... FROM STDIN WITH (FORMAT binary), in tx
// with n rows, row i written by row.
func copyBinary(ctx context.Context, tx pgx.Tx, sql string, n int, row func(i int, w *tupleEnc)) error {
	c := &binaryCopy{rows: n, row: row}
	c.enc.buf = append(make([]byte, 0, 64<<10), "PGCOPY\n\xff\r\n\x00"...)
	c.enc.buf = binary.BigEndian.AppendUint32(c.enc.buf, 0) // flags
	c.enc.buf = binary.BigEndian.AppendUint32(c.enc.buf, 0) // no header extension
	_, err := tx.Conn().PgConn().CopyFrom(ctx, c, sql)
	return err
}

// Read encodes rows until p can be filled, then copies.
func (c *binaryCopy) Read(p []byte) (int, error) {
	if c.pos > 0 { // what p could not take, less than a row, to the front
		c.enc.buf = c.enc.buf[:copy(c.enc.buf, c.enc.buf[c.pos:])]
		c.pos = 0
	}
	for len(c.enc.buf) < len(p) && c.next <= c.rows {
		if c.next == c.rows {
			c.enc.buf = binary.BigEndian.AppendUint16(c.enc.buf, 0xffff) // the trailer
		} else {
			c.row(c.next, &c.enc)
		}
		c.next++
	}
	if len(c.enc.buf) == 0 {
		return 0, io.EOF
	}
	c.pos = copy(p, c.enc.buf)
	return c.pos, nil
}

// tupleEnc appends one row's fields, each in its type's binary form.
type tupleEnc struct {
	buf []byte
}

// fields starts a row of n fields.
func (w *tupleEnc) fields(n int) { w.buf = binary.BigEndian.AppendUint16(w.buf, uint16(n)) }

func (w *tupleEnc) int8(v int64) {
	w.buf = binary.BigEndian.AppendUint32(w.buf, 8)
	w.buf = binary.BigEndian.AppendUint64(w.buf, uint64(v))
}

func (w *tupleEnc) int4(v int) {
	w.buf = binary.BigEndian.AppendUint32(w.buf, 4)
	w.buf = binary.BigEndian.AppendUint32(w.buf, uint32(int32(v)))
}

func (w *tupleEnc) float8(v float64) {
	w.buf = binary.BigEndian.AppendUint32(w.buf, 8)
	w.buf = binary.BigEndian.AppendUint64(w.buf, math.Float64bits(v))
}

func (w *tupleEnc) bool(v bool) {
	b := byte(0)
	if v {
		b = 1
	}
	w.buf = append(binary.BigEndian.AppendUint32(w.buf, 1), b)
}

// text writes s as text, or as json, whose binary form is its text.
func (w *tupleEnc) text(s string) {
	w.buf = binary.BigEndian.AppendUint32(w.buf, uint32(len(s)))
	w.buf = append(w.buf, s...)
}

func (w *tupleEnc) null() { w.buf = binary.BigEndian.AppendUint32(w.buf, math.MaxUint32) }

// textOrNull writes v, a string or nil, as text or NULL.
func (w *tupleEnc) textOrNull(v any) {
	if s, ok := v.(string); ok {
		w.text(s)
		return
	}
	w.null()
}

// y2k is PostgreSQL's epoch, in Unix microseconds.
const y2k = 946684800 * 1_000_000

func (w *tupleEnc) timestamptz(t time.Time) { w.timestampMicro(t.UnixMicro()) }

// timestampMicro writes a timestamptz given in Unix microseconds.
func (w *tupleEnc) timestampMicro(us int64) {
	w.buf = binary.BigEndian.AppendUint32(w.buf, 8)
	w.buf = binary.BigEndian.AppendUint64(w.buf, uint64(us-y2k))
}
