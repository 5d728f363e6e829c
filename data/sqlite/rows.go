package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
)

// txConn is a write transaction and the connection it runs on. The
// bulk inserts of a batch (rawStmt) run on conn straight through the
// driver; everything else goes through the Tx.
type txConn struct {
	*sql.Tx
	conn *sql.Conn
}

// beginConn takes the writer's connection and begins a transaction on it.
// The caller closes conn after the transaction ends.
func (s *Store) beginConn(ctx context.Context) (txConn, error) {
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return txConn{}, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return txConn{}, err
	}
	return txConn{Tx: tx, conn: conn}, nil
}

// rawStmt is a statement of a txConn that runs through the driver.
// database/sql copies each call's arguments into a new
// []driver.NamedValue and checks each one: a tenth of a batch's time
// (pprof), where this reuses one slice. Prepared on first use.
type rawStmt struct {
	tc    txConn
	query string
	st    driver.Stmt
	named []driver.NamedValue
}

// exec runs the statement with args, which hold driver values or ints.
func (r *rawStmt) exec(ctx context.Context, args []any) (res driver.Result, err error) {
	r.named = r.named[:0]
	for i, v := range args {
		dv, err := driverValue(v)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		r.named = append(r.named, driver.NamedValue{Ordinal: i + 1, Value: dv})
	}
	err = r.tc.conn.Raw(func(dc any) error {
		if r.st == nil {
			if r.st, err = dc.(driver.ConnPrepareContext).PrepareContext(ctx, r.query); err != nil {
				return err
			}
		}
		res, err = r.st.(driver.StmtExecContext).ExecContext(ctx, r.named)
		return err
	})
	clear(r.named) // keep no texts alive until the next call
	return res, err
}

func (r *rawStmt) close() {
	if r.st != nil {
		r.tc.conn.Raw(func(any) error { return r.st.Close() })
		r.st = nil
	}
}

// driverValue is v as the driver takes it: what database/sql's default
// converter does, without reflection for the common types.
func driverValue(v any) (driver.Value, error) {
	switch x := v.(type) {
	case nil, int64, float64, bool, string, []byte:
		return x, nil
	case int:
		return int64(x), nil
	}
	return driver.DefaultParameterConverter.ConvertValue(v)
}

// multiRow writes up to max rows per INSERT statement. With one statement
// per row, about a third of the time of storing a mention went to
// database/sql and the driver rather than SQLite (pprof); a statement per
// chunk of rows pays that once. Statements are prepared on first use of
// each row count.
type multiRow struct {
	tc     txConn
	head   string // INSERT INTO t (cols) VALUES
	tail   string // ON CONFLICT ..., or ""
	cols   int
	max    int
	stmts  map[int]*rawStmt
	buffer []any
}

func newMultiRow(tc txConn, head, tail string, cols, max int) *multiRow {
	return &multiRow{tc: tc, head: head, tail: tail, cols: cols, max: max, stmts: map[int]*rawStmt{}}
}

// exec writes the rows whose values row(i, args) appends, n rows in all.
func (m *multiRow) exec(ctx context.Context, n int, row func(i int, args []any) ([]any, error)) error {
	for start := 0; start < n; start += m.max {
		k := min(n-start, m.max)
		args := m.buffer[:0]
		for i := start; i < start+k; i++ {
			var err error
			if args, err = row(i, args); err != nil {
				return err
			}
		}
		_, err := m.stmt(k).exec(ctx, args)
		clear(args)
		m.buffer = args
		if err != nil {
			return err
		}
	}
	return nil
}

func (m *multiRow) stmt(k int) *rawStmt {
	if st := m.stmts[k]; st != nil {
		return st
	}
	one := "(?" + strings.Repeat(", ?", m.cols-1) + ")"
	st := &rawStmt{tc: m.tc, query: m.head + " " + one + strings.Repeat(", "+one, k-1) + " " + m.tail}
	m.stmts[k] = st
	return st
}

func (m *multiRow) close() {
	for _, st := range m.stmts {
		st.close()
	}
}
