package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	msqlite "modernc.org/sqlite" // also registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"mentionmap/data/migrate"
	"mentionmap/geo"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the SQLite implementation of geo.ArticleStore.
type Store struct {
	log    *slog.Logger
	r, w   *sql.DB // readers; the single writer
	health *sql.DB // one connection of its own, so health checks never queue behind readers

	diskFull atomic.Bool // the last write failed for want of space

	mu      sync.Mutex
	places  map[string]int64 // place key -> id, for places already stored
	refs    geo.RefCache     // article references, for place features
	counts  countCache       // counts of filters on mentions
	stories storyWindow      // the newest articles' signatures, for ingest

	checkpoints *checkpointer
	search      *indexer
	writer      string // names this process's changes (changes.go)
}

var _ geo.ArticleStore = (*Store)(nil)

// dsn sets the pragmas on every connection the pool opens. synchronous is
// NORMAL: in WAL mode a committed transaction survives a crash of the
// process (kill -9); only a power loss may drop the last ones.
//
// The writer gets a 64 MB page cache, for ingest; each of the 8 readers
// 16 MB, which bounds the cache memory of the pool to about 200 MB.
//
// temp_store is MEMORY: a statement that writes many rows (a multi-row
// INSERT, an upsert) keeps a statement journal, and on disk its writes
// were a fifth of ingest time, one pwrite per page.
//
// No connection checkpoints on commit (wal_autocheckpoint 0): the
// checkpointer does, beside the writer (checkpoint.go). When a batch
// commits before the checkpoint of the one before has finished, the WAL
// grows instead of starting over; journal_size_limit cuts it back to
// 64 MB once it does.
func dsn(file string, write bool) string {
	cache := "cache_size(-16384)"
	if write {
		cache = "cache_size(-65536)"
	}
	return fileDSN(file, write, cache, "foreign_keys(1)", "wal_autocheckpoint(0)", "journal_size_limit(67108864)")
}

// busyTimeout is how long, in ms, a connection waits for a lock.
const busyTimeout = 10000

// fileDSN is the DSN of file with the pragmas every connection of ours
// gets, and more; immediate makes its transactions BEGIN IMMEDIATE.
func fileDSN(file string, immediate bool, more ...string) string {
	q := url.Values{}
	if immediate {
		q.Set("_txlock", "immediate")
	}
	// busy_timeout comes first: switching a new file to WAL takes a lock that
	// another process opening it at once may hold.
	common := []string{fmt.Sprintf("busy_timeout(%d)", busyTimeout), "journal_mode(WAL)", "synchronous(NORMAL)", "temp_store(MEMORY)"}
	for _, p := range append(common, more...) {
		q.Add("_pragma", p)
	}
	return "file:" + file + "?" + q.Encode()
}

// Open opens (creating if needed) the database at file and migrates it to
// the current schema. The store logs what it does in the background to
// log; nil discards it.
func Open(ctx context.Context, file string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w, err := sql.Open("sqlite", dsn(file, true))
	if err != nil {
		return nil, geo.Wrap(geo.EINTERNAL, err, "open %s", file)
	}
	w.SetMaxOpenConns(1)
	r, err := openReaders(file)
	if err != nil {
		w.Close()
		return nil, geo.Wrap(geo.EINTERNAL, err, "open %s", file)
	}
	r.SetMaxOpenConns(8)
	h, err := sql.Open("sqlite", fileDSN(file, false))
	if err != nil {
		w.Close()
		r.Close()
		return nil, geo.Wrap(geo.EINTERNAL, err, "open %s", file)
	}
	h.SetMaxOpenConns(1)
	s := &Store{log: log, r: r, w: w, health: h, places: map[string]int64{}, writer: geo.NewWriterID()}
	if err := s.migrateRetrying(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("database %s: %w", file, err)
	}
	if s.search, err = openIndexer(ctx, file, log); err != nil {
		s.Close()
		return nil, err
	}
	s.checkpoints = s.startCheckpointer()
	return s, nil
}

// Close closes both pools.
func (s *Store) Close() error {
	if s.checkpoints != nil {
		s.checkpoints.stop()
	}
	var err error
	if s.search != nil {
		err = s.search.stop()
	}
	if werr := s.w.Close(); err == nil {
		err = werr
	}
	if rerr := s.r.Close(); err == nil {
		err = rerr
	}
	if herr := s.health.Close(); err == nil {
		err = herr
	}
	return err
}

// migrateRetrying migrates, trying again for up to two seconds while the
// file is busy: processes that open a new file at once race to switch it
// to WAL, and SQLite answers that race with SQLITE_BUSY without waiting.
func (s *Store) migrateRetrying(ctx context.Context) error {
	for try := 0; ; try++ {
		err := s.migrate(ctx)
		var se *msqlite.Error
		if try == 40 || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// migrate applies the embedded migrations newer than PRAGMA user_version,
// each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return geo.Wrap(geo.EINTERNAL, err, "cannot open it as a SQLite database (is it corrupt, or is its directory missing or not writable?)")
	}
	// No PRAGMA quick_check here: it reads the whole file, which would make
	// start-up grow with the database. A file that is not SQLite fails the
	// read above; damage inside pages surfaces as errors on the pages hit.
	ms, err := migrate.After(migrations, "migrations", version)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := s.apply(ctx, m.Version, m.SQL); err != nil {
			return geo.Wrap(geo.EINTERNAL, err, "migration %s", m.Name)
		}
	}
	return nil
}

// apply runs migration n in a transaction that holds the write lock from
// its start (BEGIN IMMEDIATE): when two processes open one database at
// once, the second waits, then finds the migration applied and skips it.
func (s *Store) apply(ctx context.Context, n int, body string) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version >= n {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", n)); err != nil {
		return err
	}
	return tx.Commit()
}

// pingTimeout bounds a health check.
const pingTimeout = time.Second

// Ping checks that the database answers, on a connection of its own, and
// reports EFULL while writes fail for want of disk space.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	var v int64
	if err := s.health.QueryRowContext(ctx, "SELECT version FROM meta").Scan(&v); err != nil {
		return failed("database", err)
	}
	if s.diskFull.Load() {
		return geo.Errorf(geo.EFULL, "the database's disk is full: writes fail until space is freed")
	}
	return nil
}

// Version changes whenever articles are added.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var v int64
	if err := s.r.QueryRowContext(ctx, "SELECT version FROM meta").Scan(&v); err != nil {
		return 0, failed("database", err)
	}
	return v, nil
}
