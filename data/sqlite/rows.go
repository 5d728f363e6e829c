package sqlite

import (
	"context"
	"database/sql"
	"strings"
)

// multiRow writes up to max rows per INSERT statement. With one statement
// per row, about a third of the time of storing a mention went to
// database/sql and the driver rather than SQLite (pprof); a statement per
// chunk of rows pays that once. Statements are prepared on first use of
// each row count, in the transaction tx.
type multiRow struct {
	tx     *sql.Tx
	head   string // INSERT INTO t (cols) VALUES
	tail   string // ON CONFLICT ..., or ""
	cols   int
	max    int
	stmts  map[int]*sql.Stmt
	buffer []any
}

func newMultiRow(tx *sql.Tx, head, tail string, cols, max int) *multiRow {
	return &multiRow{tx: tx, head: head, tail: tail, cols: cols, max: max, stmts: map[int]*sql.Stmt{}}
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
		m.buffer = args
		st, err := m.stmt(ctx, k)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

func (m *multiRow) stmt(ctx context.Context, k int) (*sql.Stmt, error) {
	if st := m.stmts[k]; st != nil {
		return st, nil
	}
	one := "(?" + strings.Repeat(", ?", m.cols-1) + ")"
	q := m.head + " " + one + strings.Repeat(", "+one, k-1) + " " + m.tail
	st, err := m.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	m.stmts[k] = st
	return st, nil
}

func (m *multiRow) close() {
	for _, st := range m.stmts {
		st.Close()
	}
}
