package postgis

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5"
)

// leases holds this process's session of advisory locks: one connection
// of its own, so that the locks live as long as the process (or the
// connection) does, and pass to another process when it ends.
type leases struct {
	mu   sync.Mutex
	conn *pgx.Conn
	held map[string]bool
}

// Lease reports whether this process holds the lease name, taking it when
// no process does (geo.Leaser).
func (s *Store) Lease(ctx context.Context, name string) (bool, error) {
	l := &s.leases
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil && l.conn.IsClosed() {
		l.conn, l.held = nil, nil // the session ended, and its locks with it
	}
	if l.held[name] {
		return true, nil
	}
	if l.conn == nil {
		conn, err := pgx.ConnectConfig(ctx, s.db.Config().ConnConfig.Copy())
		if err != nil {
			return false, failed("lease", err)
		}
		l.conn, l.held = conn, map[string]bool{}
	}
	var ok bool
	if err := l.conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(hashtextextended($1, 0))`, name).Scan(&ok); err != nil {
		l.conn.Close(context.Background())
		l.conn = nil
		return false, failed("lease", err)
	}
	l.held[name] = ok
	return ok, nil
}

// closeLeases ends the session, which releases every lease.
func (l *leases) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil {
		l.conn.Close(context.Background())
		l.conn = nil
	}
}
