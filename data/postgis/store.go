package postgis

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"mentionmap/data/migrate"
	"mentionmap/geo"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the PostgreSQL + PostGIS implementation of geo.ArticleStore.
type Store struct {
	db      *pgxpool.Pool           // the primary: writes, and reads while the replica lags
	replica atomic.Pointer[replica] // optional; set once, after Open
	log     *slog.Logger
	leases  leases
	version versionCache
	writer  string    // names this process's changes (changes.go)
	search  *searcher // fills the search index after commits
	stories storyWindow
	closed  atomic.Bool

	articleRefs geo.RefCache // the newest articles of places (refs.go)
}

var (
	_ geo.ArticleStore  = (*Store)(nil)
	_ geo.SourceHistory = (*Store)(nil)
	_ geo.Leaser        = (*Store)(nil)
)

// connectTimeout bounds how long Open waits for the server.
const connectTimeout = 10 * time.Second

// migrationLock is the advisory lock under which migrations run, so that
// processes starting together apply each migration once.
const migrationLock = 7_263_511_042

// Open connects to the database at dsn (postgres://...) and migrates it to
// the current schema. An unreachable server fails within connectTimeout.
func Open(ctx context.Context, dsn string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "--db: not a PostgreSQL URL: %s", Redact(dsn))
	}
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > connectTimeout {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	cfg.MaxConns = max(cfg.MaxConns, 16)
	// A generic plan cannot see how much of the data a box or a time range
	// selects, and PostgreSQL switches to one after five runs of a query:
	// plan each run for its own values instead.
	if _, ok := cfg.ConnConfig.RuntimeParams["plan_cache_mode"]; !ok {
		cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	db, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, failed("connect to "+Redact(dsn), err)
	}
	s := &Store{db: db, log: log, writer: geo.NewWriterID()}
	pctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	if err := db.Ping(pctx); err != nil {
		db.Close()
		return nil, geo.Wrap(geo.EUNAVAILABLE, err, "cannot reach the database %s: %s", Redact(dsn), pgText(err))
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	s.search = newSearcher(s)
	s.search.committed() // what an earlier process left
	return s, nil
}

// Close closes the pool.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.search.stop()
	s.leases.close()
	if r := s.replica.Load(); r != nil {
		r.pool.Close()
	}
	s.db.Close()
	return nil
}

// migrate applies the embedded migrations newer than schema_version, on
// one connection that holds the advisory lock.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.db.Acquire(ctx)
	if err != nil {
		return failed("migrate", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return failed("migrate", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)`); err != nil {
		return failed("migrate", err)
	}
	var version int
	if err := conn.QueryRow(ctx, `SELECT COALESCE(max(version), 0) FROM schema_version`).Scan(&version); err != nil {
		return failed("migrate", err)
	}
	ms, err := migrate.After(migrations, "migrations", version)
	if err != nil {
		return err
	}
	for _, m := range ms {
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, m.Version)
			return err
		})
		if err != nil {
			return geo.Wrap(geo.EINTERNAL, err, "migration %s: %s", m.Name, pgText(err))
		}
	}
	return nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var v int64
	if err := s.db.QueryRow(ctx, `SELECT version FROM meta`).Scan(&v); err != nil {
		return failed("database", err)
	}
	return nil
}

// Version changes whenever articles are added, by any process. A version
// read from the database serves for versionTTL, so that every request
// need not ask; this process's own writes show at once.
func (s *Store) Version(ctx context.Context) (int64, error) {
	if v, ok := s.version.fresh(); ok {
		return v, nil
	}
	return s.readVersion(ctx)
}

// readVersion reads the version from the primary, whatever is cached.
func (s *Store) readVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.db.QueryRow(ctx, `SELECT version FROM meta`).Scan(&v); err != nil {
		return 0, failed("database", err)
	}
	s.saw(v)
	return s.version.read(v), nil
}

// versionTTL is how long a version read from the database is reused:
// other processes' writes show within it.
const versionTTL = 200 * time.Millisecond

// versionCache is the newest version this process knows of.
type versionCache struct {
	mu sync.Mutex
	v  int64
	at time.Time // when the database was last asked
}

func (c *versionCache) fresh() (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.v, !c.at.IsZero() && time.Since(c.at) < versionTTL
}

// read records a version read from the database and returns the newest.
func (c *versionCache) read(v int64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.v, c.at = max(c.v, v), time.Now()
	return c.v
}

// wrote records a version this process's write made.
func (c *versionCache) wrote(v int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.v = max(c.v, v)
}

// failed wraps a database error: EFULL for a full disk, EUNAVAILABLE when
// the server cannot be reached (the client may try again), and otherwise
// an internal error, whose cause is logged and never shown.
func failed(what string, err error) error {
	var pe *pgconn.PgError
	var ce *pgconn.ConnectError
	switch {
	case errors.As(err, &pe) && pe.Code == "53100": // disk_full
		return geo.Wrap(geo.EFULL, err, "the database's disk is full: writes fail until space is freed")
	case errors.As(err, &pe) && strings.HasPrefix(pe.Code, "08"), // connection exception
		errors.As(err, &pe) && (pe.Code == "57P01" || pe.Code == "57P03"), // admin shutdown, cannot connect now
		errors.As(err, &ce), pgconn.SafeToRetry(err), isNetErr(err):
		return geo.Wrap(geo.EUNAVAILABLE, err, "the database is unavailable; try again shortly")
	}
	return geo.Wrap(geo.EINTERNAL, err, "%s", what)
}

// pgText is an error's text without what could carry a password.
func pgText(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Message
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return "connection refused or timed out"
	}
	return "no answer"
}

// Redact returns a PostgreSQL URL without its password.
func Redact(dsn string) string {
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return "(an unreadable URL)"
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
}
