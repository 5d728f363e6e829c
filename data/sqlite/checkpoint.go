package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// checkpointEvery is the least time between two checkpoints. Under bulk
// ingest a checkpoint follows each batch; a trickle of single articles
// does not checkpoint (and sync the file) on every commit.
const checkpointEvery = 250 * time.Millisecond

// checkpointer copies committed pages from the WAL into the database file
// on its own connection, so that the copying runs beside the next batch's
// writes instead of inside the commit of the one before (SQLite's
// automatic checkpoint, which the writer's DSN turns off). A PASSIVE
// checkpoint waits for no one: pages that readers still need wait for the
// next round.
type checkpointer struct {
	s        *Store
	walPages atomic.Int64 // pages in the WAL at the last checkpoint
	mu       sync.Mutex   // held by a running checkpoint
	maxPages int64        // maxWALPages, but for tests
	commits  chan struct{}
	quit     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}

func (s *Store) startCheckpointer() *checkpointer {
	c := &checkpointer{s: s, maxPages: maxWALPages, commits: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

// committed tells the checkpointer that the WAL grew; it never blocks.
func (c *checkpointer) committed() { poke(c.commits) }

// poke wakes the goroutine that waits on ch, a channel of capacity one,
// unless it has a wake-up pending already; it never blocks.
func poke(ch chan<- struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	defer close(c.done)
	var last time.Time
	for {
		select {
		case <-c.quit:
			return
		case <-c.commits:
		}
		select {
		case <-c.quit:
			return
		case <-time.After(time.Until(last.Add(checkpointEvery))):
		}
		last = time.Now()
		c.mu.Lock()
		_, pages, err := checkpoint(context.Background(), c.s.r, "PASSIVE")
		c.mu.Unlock()
		if err != nil {
			c.s.log.Warn("checkpoint", "err", err)
		}
		c.walPages.Store(pages)
	}
}

// maxWALPages bounds the WAL: 64 MB of 4 KB pages.
const maxWALPages = 16384

// restartWAL runs before the writer begins a batch. The WAL starts over
// only when a write begins after a checkpoint has copied all of it, which
// a checkpoint beside a busy writer rarely finishes in time for, so the
// WAL would grow without end. Past maxWALPages the writer waits for a
// RESTART checkpoint, which finds most pages copied already.
func (c *checkpointer) restartWAL(ctx context.Context) error {
	if c.walPages.Load() < c.maxPages {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	conn, err := c.s.w.Conn(ctx)
	if err != nil {
		return failed("checkpoint", err)
	}
	defer conn.Close()
	busy, pages, err := restart(ctx, conn)
	if err != nil {
		return failed("checkpoint", err)
	}
	if !busy { // else a reader held it back: the next batch tries again
		pages = 0
	}
	c.walPages.Store(pages)
	return nil
}

// restartWait is how long a RESTART checkpoint waits for readers to leave
// the WAL: a long read (a large response streaming out) must not hold up
// ingest for the whole busy timeout.
const restartWait = 50 // ms

// restart runs a RESTART checkpoint on conn, with a short busy timeout.
func restart(ctx context.Context, conn *sql.Conn) (busy bool, pages int64, err error) {
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", restartWait)); err != nil {
		return false, 0, err
	}
	busy, pages, err = checkpoint(ctx, conn, "RESTART")
	if _, rerr := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", busyTimeout)); err == nil {
		err = rerr
	}
	return busy, pages, err
}

// checkpoint runs a checkpoint of mode. It reports whether a reader or
// writer kept it from finishing, and the pages in the WAL.
func checkpoint(ctx context.Context, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, mode string) (busy bool, pages int64, err error) {
	var copied int64
	err = db.QueryRowContext(ctx, "PRAGMA main.wal_checkpoint("+mode+")").Scan(&busy, &pages, &copied)
	return busy, pages, err
}

// stop waits for a running checkpoint; closing the last connection
// checkpoints the rest. It may be called more than once.
func (c *checkpointer) stop() {
	c.stopOnce.Do(func() { close(c.quit) })
	<-c.done
}
