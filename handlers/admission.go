package handlers

import (
	"context"
	"sync"
	"time"

	"mentionmap/geo"
)

// admitWait is how long an expensive read waits for a slot before it is
// answered 503: long enough to smooth a burst, short enough that requests
// do not pile up in memory.
const admitWait = 500 * time.Millisecond

// heavyLimit is the page size above which a read counts as expensive.
const heavyLimit = defaultLimit

// gate bounds how many expensive reads run at once: large pages, text
// searches and cold cluster builds.
type gate chan struct{}

// heavy reports whether f makes an expensive read.
func heavy(f geo.Filter) bool {
	return f.Limit > heavyLimit || f.Limit <= 0 || !f.Query.IsZero()
}

// admit takes a slot, or fails with EUNAVAILABLE once admitWait passes.
// The returned function gives the slot back; calls after the first do
// nothing, so a handler can release the slot as soon as the store is done,
// before the answer is sent, and defer it too.
func (g gate) admit(ctx context.Context) (func(), error) {
	t := time.NewTimer(admitWait)
	defer t.Stop()
	select {
	case g <- struct{}{}:
		return sync.OnceFunc(func() { <-g }), nil
	case <-t.C:
		return nil, geo.Errorf(geo.EUNAVAILABLE, "the server is busy with %d expensive reads (large pages, text searches, new map filters); try again shortly", cap(g))
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// admitFilter admits a read of f: at once when it is cheap.
func (s *Server) admitFilter(ctx context.Context, f geo.Filter) (func(), error) {
	if !heavy(f) {
		return func() {}, nil
	}
	return s.heavy.admit(ctx)
}
