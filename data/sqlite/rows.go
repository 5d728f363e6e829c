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

	// With shared > 0, a statement's rows share values: ?1 to ?shared,
	// bound once per statement ahead of the rows' own cols values. row(j,
	// p) writes row j's tuple, whose own values are ?p onwards.
	shared int
	row    func(j, p int) string
}

func newMultiRow(tx *sql.Tx, head, tail string, cols, max int) *multiRow {
	return &multiRow{tx: tx, head: head, tail: tail, cols: cols, max: max, stmts: map[int]*sql.Stmt{}}
}

// exec writes the rows whose values row(i, args) appends, n rows in all.
func (m *multiRow) exec(ctx context.Context, n int, row func(i int, args []any) ([]any, error)) error {
	return m.execShared(ctx, nil, n, row)
}

// execShared is exec for a multiRow whose rows share the values shared.
func (m *multiRow) execShared(ctx context.Context, shared []any, n int, row func(i int, args []any) ([]any, error)) error {
	for start := 0; start < n; start += m.max {
		k := min(n-start, m.max)
		args := append(m.buffer[:0], shared...)
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
	var q string
	if m.row == nil {
		one := "(?" + strings.Repeat(", ?", m.cols-1) + ")"
		q = m.head + " " + one + strings.Repeat(", "+one, k-1) + " " + m.tail
	} else {
		rows := make([]string, k)
		for j := range rows {
			rows[j] = m.row(j, m.shared+1+j*m.cols)
		}
		q = m.head + " " + strings.Join(rows, ", ") + " " + m.tail
	}
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
