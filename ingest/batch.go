package ingest

import (
	"context"
	"time"

	"mentionmap/geo"
)

// BatchSize is how many articles share one transaction. Bigger batches
// write each index page less often: BenchmarkIngestBatchSize
// (data/sqlite) stores about 3,300 news-shaped articles per second in
// batches of 1,000, 3,700 in batches of 2,000, 4,150 in batches of 5,000
// and 4,350 in batches of 10,000. Past 5,000 the gain is small, and a
// batch's commit holds the write lock longer: a server writing the same
// database waits for it (its busy timeout is 10 s).
const BatchSize = 5000

// Batcher collects valid articles and stores them a batch at a time.
// Invalid articles are reported and skipped; a store failure stops.
//
// It is a two-stage pipeline: while the store writes one batch (SQLite
// has one writer, so on one core), the next is geoparsed on every core.
// Ingest then runs at the speed of the slower stage, the store, instead
// of the sum of both. A store with concurrent writers (PostgreSQL) may
// take Writers batches at once, each in its own transaction.
type Batcher struct {
	Writers int // batches stored at once; 1 unless set before the first Add

	ctx      context.Context
	store    geo.ArticleStore
	parser   geo.Geoparser
	report   *Report
	size     int
	pending  []*geo.Article
	storing  []chan stored // the batches being stored, oldest first
	storeFor time.Duration
}

// NewBatcher returns a pipeline into store that stores size articles a
// batch (BatchSize when size is 0), and counts what it does in report.
func NewBatcher(ctx context.Context, store geo.ArticleStore, parser geo.Geoparser, report *Report, size int) *Batcher {
	if size <= 0 {
		size = BatchSize
	}
	return &Batcher{Writers: 1, ctx: ctx, store: store, parser: parser, report: report, size: size}
}

// StoreTime is how long the store took over all batches so far, summed
// over writers.
func (b *Batcher) StoreTime() time.Duration { return b.storeFor }

// stored is the outcome of storing one batch.
type stored struct {
	arts    []*geo.Article
	created []bool
	took    time.Duration
	err     error
}

// Add takes one article: an invalid one is reported and skipped; a full
// batch is geoparsed and handed to the store. Only a store failure is
// returned.
func (b *Batcher) Add(a *geo.Article) error {
	if err := a.Validate(); err != nil {
		b.report.Add(false, 0, err)
		return nil
	}
	b.pending = append(b.pending, a)
	if len(b.pending) >= b.size {
		return b.flush()
	}
	return nil
}

// flush geoparses the pending articles, waits for a writer, and starts
// storing them.
func (b *Batcher) flush() error {
	if len(b.pending) == 0 {
		return nil
	}
	arts := b.pending
	b.pending = make([]*geo.Article, 0, b.size)
	if err := geo.PrepareBatch(b.parser, arts); err != nil {
		return err
	}
	for len(b.storing) >= max(1, b.Writers) {
		if err := b.wait(); err != nil {
			return err
		}
	}
	out := make(chan stored, 1)
	b.storing = append(b.storing, out)
	go func() {
		start := time.Now()
		created, err := b.store.IngestBatch(b.ctx, arts)
		out <- stored{arts: arts, created: created, took: time.Since(start), err: err}
	}()
	return nil
}

// wait reports the oldest batch being stored, if any, once it is.
func (b *Batcher) wait() error {
	if len(b.storing) == 0 {
		return nil
	}
	r := <-b.storing[0]
	b.storing = b.storing[1:]
	b.storeFor += r.took
	if r.err != nil {
		return r.err
	}
	for i, a := range r.arts {
		b.report.Add(r.created[i], len(a.Mentions), nil)
	}
	return nil
}

// Finish stores what is pending and waits until all of it is stored.
func (b *Batcher) Finish() error {
	err := b.flush()
	for len(b.storing) > 0 {
		if werr := b.wait(); err == nil {
			err = werr
		}
	}
	return err
}
