package postgis

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// searchLock is the advisory lock under which one process at a time
// fills article_search.
const searchLock = 7_263_511_043

// searchRound is the most articles indexed in one transaction.
const searchRound = 5000

// searcher fills article_search after commits: in the background after
// this process's writes, and before any query that searches, so that a
// search sees every article committed before it began, whoever wrote it.
type searcher struct {
	s      *Store
	upTo   atomic.Int64 // the version article_search is known to be filled to
	wake   chan struct{}
	ctx    context.Context // ends at stop
	cancel context.CancelFunc
	done   sync.WaitGroup
}

func newSearcher(s *Store) *searcher {
	ctx, cancel := context.WithCancel(context.Background())
	ix := &searcher{s: s, wake: make(chan struct{}, 1), ctx: ctx, cancel: cancel}
	ix.done.Go(ix.run)
	return ix
}

// committed wakes the background round; it never blocks.
func (ix *searcher) committed() {
	select {
	case ix.wake <- struct{}{}:
	default:
	}
}

func (ix *searcher) run() {
	for {
		select {
		case <-ix.ctx.Done():
			return
		case <-ix.wake:
		}
		if err := ix.catchUp(ix.ctx); err != nil && ix.ctx.Err() == nil {
			ix.s.log.Warn("search index: trying again at the next write or search", "err", err)
		}
	}
}

// stop ends the background rounds and indexes what this process wrote
// last, so that a command that stored articles (ingest, migrate) leaves
// them searchable. Should that fail, the next search, in any process,
// indexes them.
func (ix *searcher) stop() {
	ix.cancel()
	ix.done.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), finalSearchRound)
	defer cancel()
	if err := ix.catchUp(ctx); err != nil {
		ix.s.log.Warn("search index: left for the next search", "err", err)
	}
}

// finalSearchRound bounds the indexing that Close waits for.
const finalSearchRound = 30 * time.Second

// catchUp fills article_search up to the store's version.
func (ix *searcher) catchUp(ctx context.Context) error {
	v, err := ix.s.Version(ctx)
	if err != nil {
		return err
	}
	return ix.catchUpTo(ctx, v)
}

// catchUpTo fills article_search up to version v at least.
func (ix *searcher) catchUpTo(ctx context.Context, v int64) error {
	for ix.upTo.Load() < v {
		if err := ix.round(ctx); err != nil {
			return err
		}
	}
	return nil
}

// round indexes, under the lock, the articles of the changes after
// search_progress: whole changes, up to about searchRound articles.
func (ix *searcher) round(ctx context.Context) error {
	var from, cur, to int64
	err := pgx.BeginFunc(ctx, ix.s.db, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, searchLock); err != nil {
			return err
		}
		// Every change up to meta's version is committed with it.
		err := tx.QueryRow(ctx, `SELECT p.version, m.version FROM search_progress p, meta m`).Scan(&from, &cur)
		if err == nil {
			err = tx.QueryRow(ctx, `SELECT COALESCE(max(version), $2) FROM (
				SELECT version, sum(cardinality(articles)) OVER (ORDER BY version) AS n
				FROM changes WHERE version > $1 AND version <= $2) c WHERE n <= $3`, from, cur, searchRound).Scan(&to)
		}
		if err == nil && to > from {
			err = index(ctx, tx, from, to)
			if err == nil {
				_, err = tx.Exec(ctx, `UPDATE search_progress SET version = $1`, to)
			}
		}
		return err
	})
	if err == nil {
		ix.upTo.Store(max(ix.upTo.Load(), to, from))
	}
	return err
}

// index fills article_search for the articles of the changes in (from,
// to] that it lacks: a correction's change lists articles indexed before.
// Each text's tsvector is built here (vectorBuilder), not by to_tsvector.
func index(ctx context.Context, tx pgx.Tx, from, to int64) error {
	rows, err := tx.Query(ctx, `SELECT a.id, a.title, a.text FROM articles a
		WHERE a.id IN (SELECT unnest(articles) FROM changes WHERE version > $1 AND version <= $2)
		AND NOT EXISTS (SELECT 1 FROM article_search WHERE article_id = a.id)`, from, to)
	if err != nil {
		return err
	}
	var ids []int64
	var vectors []string
	var id int64
	var title, text string
	var v vectorBuilder
	_, err = pgx.ForEachRow(rows, []any{&id, &title, &text}, func() error {
		ids, vectors = append(ids, id), append(vectors, v.build(title, text))
		return nil
	})
	if err != nil || len(ids) == 0 {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO article_search (article_id, search)
		SELECT id, v::tsvector FROM unnest($1::bigint[], $2::text[]) AS x(id, v)
		ON CONFLICT (article_id) DO NOTHING`, ids, vectors)
	return err
}

// primaryOnly marks a context whose reads must go to the primary.
type primaryOnly struct{}

// searchable prepares a read of f: a search first catches the index up to
// the database's version, and then reads the primary, where the index was
// filled.
func (s *Store) searchable(ctx context.Context, f geo.Filter) (context.Context, error) {
	if f.Query.IsZero() {
		return ctx, nil
	}
	// The version as it is now, not as cached: a client that wrote
	// through another process finds its article.
	v, err := s.readVersion(ctx)
	if err == nil {
		err = s.search.catchUpTo(ctx, v)
	}
	if err != nil {
		return ctx, failed("search", err)
	}
	return context.WithValue(ctx, primaryOnly{}, true), nil
}
