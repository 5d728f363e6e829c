package data

import (
	"context"
	"log/slog"
	"sync"
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
	commits  chan struct{}
	quit     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}

func (s *Store) startCheckpointer() *checkpointer {
	c := &checkpointer{s: s, commits: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

// committed tells the checkpointer that the WAL grew; it never blocks.
func (c *checkpointer) committed() {
	select {
	case c.commits <- struct{}{}:
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
		if _, err := c.s.r.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)"); err != nil {
			slog.Warn("checkpoint", "err", err)
		}
	}
}

// stop waits for a running checkpoint; closing the last connection
// checkpoints the rest. It may be called more than once.
func (c *checkpointer) stop() {
	c.stopOnce.Do(func() { close(c.quit) })
	<-c.done
}
