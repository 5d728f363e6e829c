package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"sync"

	"mentionmap/geo"
)

// indexer keeps the search file up to date with the main one.
type indexer struct {
	w, src *sql.DB // the writer of the search file; a reader of the main file
	log    *slog.Logger

	mu       sync.Mutex
	upTo     int64         // the newest article indexed
	err      error         // of the last round; nil once one succeeds
	progress chan struct{} // closed, and replaced, after every round

	wake, quit, done chan struct{}
	stopOnce         sync.Once
}

// openIndexer opens the search file of file, creating it if needed, and
// starts indexing what it lacks.
func openIndexer(ctx context.Context, file string, log *slog.Logger) (*indexer, error) {
	w, err := sql.Open("sqlite", fileDSN(searchFile(file), true, "cache_size(-16384)"))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	if _, err := w.ExecContext(ctx, searchSchema); err != nil {
		w.Close()
		return nil, geo.Wrap(geo.EINTERNAL, err, "search index %s", searchFile(file))
	}
	// The new articles are read once, through a connection of their own
	// with a small cache: after each batch SQLite drops a reader's whole
	// cache, and freeing a pool reader's 16 MB a round cost the indexer
	// 40 % of its CPU time under bulk ingest.
	src, err := sql.Open("sqlite", fileDSN(file, false, "cache_size(-1024)", "query_only(1)"))
	if err != nil {
		w.Close()
		return nil, err
	}
	src.SetMaxOpenConns(2) // a query's caughtUp need not wait for a round's read
	ix := &indexer{w: w, src: src, log: log, progress: make(chan struct{}), wake: make(chan struct{}, 1),
		quit: make(chan struct{}), done: make(chan struct{})}
	go ix.run()
	ix.committed()
	return ix, nil
}

// committed tells the indexer that articles may have been added; it
// never blocks.
func (ix *indexer) committed() { poke(ix.wake) }

func (ix *indexer) run() {
	defer close(ix.done)
	for {
		select {
		case <-ix.quit:
			return
		case <-ix.wake:
		}
		more := true
		for more {
			var err error
			more, err = ix.round(context.Background())
			ix.report(err)
			if err != nil {
				ix.log.Warn("search index", "err", err)
				more = false
			}
			select {
			case <-ix.quit:
				return
			default:
			}
		}
	}
}

// report records a round's outcome and wakes the queries waiting for it.
func (ix *indexer) report(err error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.err = err
	close(ix.progress)
	ix.progress = make(chan struct{})
}

// round indexes up to indexChunk articles that the index lacks, in one
// transaction, and reports whether more may remain. The transaction
// begins IMMEDIATE and reads where the index stands from the file, so the
// indexers of two processes on one database never add an article twice.
func (ix *indexer) round(ctx context.Context) (more bool, err error) {
	tx, err := ix.w.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	upTo, err := ix.start(ctx, tx)
	if err != nil {
		return false, err
	}
	arts, err := ix.after(ctx, upTo)
	if err != nil {
		return false, err
	}
	for _, a := range arts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`, a.ID, a.Title, a.Text); err != nil {
			return false, err
		}
	}
	if n := len(arts); n > 0 {
		upTo = arts[n-1].ID
		if _, err := tx.ExecContext(ctx, `UPDATE indexed SET upto = ?, hash = ?`, upTo, arts[n-1].Hash); err != nil {
			return false, err
		}
	}
	if err := tx.Commit(); err != nil {
		return false, err
	}
	ix.mu.Lock()
	ix.upTo = upTo
	ix.mu.Unlock()
	return len(arts) == indexChunk, nil
}

// start returns the newest article indexed. When that article is not this
// database's (the file was left by another one), it empties the index.
func (ix *indexer) start(ctx context.Context, tx *sql.Tx) (int64, error) {
	var upTo int64
	var hash string
	if err := tx.QueryRowContext(ctx, `SELECT upto, hash FROM indexed`).Scan(&upTo, &hash); err != nil {
		return 0, err
	}
	if upTo == 0 {
		return 0, nil
	}
	var ours int
	if err := ix.src.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ? AND hash = ?`, upTo, hash).Scan(&ours); err != nil {
		return 0, err
	}
	if ours == 1 {
		return upTo, nil
	}
	ix.log.Warn("search index: it is not this database's; rebuilding it")
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')`); err != nil {
		return 0, err
	}
	_, err := tx.ExecContext(ctx, `UPDATE indexed SET upto = 0, hash = ''`)
	return 0, err
}

// after reads the next indexChunk articles after id upTo.
func (ix *indexer) after(ctx context.Context, upTo int64) ([]geo.Article, error) {
	rows, err := ix.src.QueryContext(ctx, `SELECT id, title, text, hash FROM articles WHERE id > ? ORDER BY id LIMIT ?`, upTo, indexChunk)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var arts []geo.Article
	for rows.Next() {
		var a geo.Article
		if err := rows.Scan(&a.ID, &a.Title, &a.Text, &a.Hash); err != nil {
			return nil, err
		}
		arts = append(arts, a)
	}
	return arts, rows.Err()
}

// caughtUp waits until every article committed before it was called is
// indexed. After a failed round it waits for one more, and returns that
// round's error if it fails too.
func (ix *indexer) caughtUp(ctx context.Context) error {
	var newest int64
	if err := ix.src.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM articles`).Scan(&newest); err != nil {
		return failed("search index", err)
	}
	retried := false
	for {
		ix.mu.Lock()
		upTo, err, progress := ix.upTo, ix.err, ix.progress
		ix.mu.Unlock()
		switch {
		case upTo >= newest:
			return nil
		case err != nil && retried:
			return failed("search index", err)
		}
		retried = retried || err != nil
		ix.committed()
		select {
		case <-progress:
		case <-ctx.Done():
			return failed("search index", ctx.Err())
		case <-ix.done:
			return geo.Errorf(geo.EINTERNAL, "search index: the store is closed")
		}
	}
}

// stop waits for a running round and closes the search file.
func (ix *indexer) stop() error {
	ix.stopOnce.Do(func() { close(ix.quit) })
	<-ix.done
	return errors.Join(ix.w.Close(), ix.src.Close())
}
