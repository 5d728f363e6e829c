package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"mentionmap/geo"
)

// timeFormat sorts as text: fixed width, UTC.
const timeFormat = "2006-01-02T15:04:05Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

// IngestBatch stores articles in one transaction: all of them or, on
// error, none. created[i] is false when article i already existed (by URL
// or content, including earlier in the same batch); it is then replaced
// by the stored article.
func (s *Store) IngestBatch(ctx context.Context, arts []*geo.Article) (created []bool, err error) {
	created, err = s.ingestBatch(ctx, arts)
	switch code := geo.ErrorCode(err); {
	case code == "":
		s.diskFull.Store(false)
	case code == geo.EFULL:
		s.diskFull.Store(true)
	}
	return created, err
}

func (s *Store) ingestBatch(ctx context.Context, arts []*geo.Article) (created []bool, err error) {
	for _, a := range arts {
		if a.Text == "" {
			return nil, geo.Errorf(geo.EINVALID, "article text is empty")
		}
		a.Hash = a.TextHash()
	}
	// A batch that has begun runs to its end: a cancelled ctx stops the
	// next one. Without a cancellable context, database/sql and modernc do
	// not start a watcher goroutine per statement and per query, which
	// cost more than inserting a mention.
	if err := ctx.Err(); err != nil {
		return nil, failed("ingest", err)
	}
	ctx = context.WithoutCancel(ctx)
	if err := s.checkpoints.restartWAL(ctx); err != nil {
		return nil, err
	}
	tx, err := s.beginConn(ctx)
	if err != nil {
		return nil, failed("begin", err)
	}
	defer tx.conn.Close()
	defer tx.Rollback()
	b, err := s.newBatch(ctx, tx)
	if err != nil {
		return nil, failed("ingest", err)
	}
	defer b.close()
	sigs := geo.Signatures(arts)
	stories, err := s.stories.lock(ctx, tx.Tx)
	defer func() { s.stories.unlock(err != nil) }()
	if err != nil {
		return nil, failed("ingest", err)
	}
	created = make([]bool, len(arts))
	existing := make(map[int]int64)
	for i, a := range arts {
		story := stories.Choose(sigs[i])
		id, err := b.insert(ctx, a, story)
		if err != nil {
			return nil, failed("ingest", err)
		}
		if id != 0 {
			existing[i] = id
			continue
		}
		b.indexStory(&s.stories, a, story, sigs[i])
		created[i] = true
	}
	if err := b.flushPlaces(ctx); err != nil {
		return nil, failed("ingest", err)
	}
	if err := b.flushSignatures(ctx); err != nil {
		return nil, failed("ingest", err)
	}
	if err := b.flushStats(ctx, tx.Tx); err != nil {
		return nil, failed("ingest", err)
	}
	if err := flushForms(ctx, tx, arts, created); err != nil {
		return nil, failed("ingest", err)
	}
	if len(existing) < len(arts) {
		if err := logChange(ctx, tx.Tx, s.writer, arts, created); err != nil {
			return nil, failed("ingest", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, failed("commit", err)
	}
	s.checkpoints.committed()
	s.search.committed()
	s.remember(b.placeIDs)
	for i, id := range existing {
		got, err := s.Article(ctx, id, geo.MaxMentions, 0)
		if err != nil {
			return nil, err
		}
		*arts[i] = *got
	}
	return created, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// remember caches the ids of places a committed transaction stored.
func (s *Store) remember(ps map[string]int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, id := range ps {
		s.places[k] = id
	}
}

// cachedPlace returns the id of a place stored by an earlier transaction.
func (s *Store) cachedPlace(key string) (int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.places[key]
	return id, ok
}

// errNoRows tells a lookup that found nothing from a failed one.
func errNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
