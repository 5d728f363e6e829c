package postgis

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"mentionmap/geo"
)

// replica sends reads to a streaming hot standby while it has replayed
// everything that this process has seen of the primary: the version that
// Version read or a write made. A client that has just written, here or
// through another process (whose write moved the version a request reads
// first), reads from the primary until the standby catches up.
type replica struct {
	pool  *pgxpool.Pool
	seen  atomic.Int64 // the newest version seen on the primary
	reads atomic.Int64 // reads the standby served

	mu        sync.Mutex
	version   int64 // the standby's, as last read
	checkedAt time.Time
}

// ReplicaCheck is how long the standby's version is trusted before it is
// read again.
const ReplicaCheck = 100 * time.Millisecond

// UseReplica sends reads to the standby at dsn from now on (--db-replica).
func (s *Store) UseReplica(ctx context.Context, dsn string) error {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return geo.Errorf(geo.EINVALID, "--db-replica: not a PostgreSQL URL: %s", Redact(dsn))
	}
	cfg.ConnConfig.ConnectTimeout = connectTimeout
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err == nil {
		pctx, cancel := context.WithTimeout(ctx, connectTimeout)
		err = pool.Ping(pctx)
		cancel()
	}
	if err != nil {
		return geo.Wrap(geo.EUNAVAILABLE, err, "cannot reach the replica %s: %s", Redact(dsn), pgText(err))
	}
	s.replica.Store(&replica{pool: pool})
	return nil
}

// ReplicaReads counts the reads that the standby served.
func (s *Store) ReplicaReads() int64 {
	r := s.replica.Load()
	if r == nil {
		return 0
	}
	return r.reads.Load()
}

// saw records a version of the primary.
func (s *Store) saw(v int64) {
	if r := s.replica.Load(); r != nil {
		for cur := r.seen.Load(); v > cur && !r.seen.CompareAndSwap(cur, v); cur = r.seen.Load() {
		}
	}
}

// reader is the pool a read goes to: the standby when it is current.
func (s *Store) reader(ctx context.Context) *pgxpool.Pool {
	r := s.replica.Load()
	if r == nil || ctx.Value(primaryOnly{}) != nil {
		return s.db
	}
	want := r.seen.Load()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.version < want && time.Since(r.checkedAt) > ReplicaCheck || r.checkedAt.IsZero() {
		var v int64
		if err := r.pool.QueryRow(ctx, `SELECT version FROM meta`).Scan(&v); err == nil {
			r.version, r.checkedAt = v, time.Now()
		}
	}
	if r.version < want {
		return s.db
	}
	r.reads.Add(1)
	return r.pool
}
