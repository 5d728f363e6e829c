package feeds

import (
	"context"
	"errors"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"mentionmap/geo"
)

// maxBackoff caps the wait after repeated failures.
const maxBackoff = 6 * time.Hour

// Poller polls feeds in the background and ingests their new items.
type Poller struct {
	Every   time.Duration
	Fetcher *Fetcher
	Store   geo.ArticleStore
	Parser  geo.Geoparser
	Log     *slog.Logger
	// Leases, when the store grants them, make one process of those
	// sharing the store poll each feed.
	Leases geo.Leaser

	mu    sync.Mutex
	feeds map[string]*feedState
	urls  []string
}

type feedState struct {
	status geo.FeedStatus
	valid  Validators
	seen   map[string]bool // item keys and links already ingested
}

// NewPoller prepares a poller for the feed URLs, which the operator names:
// their hosts are trusted (see Fetcher.Trust).
func NewPoller(urls []string, every time.Duration, f *Fetcher, s geo.ArticleStore, p geo.Geoparser, log *slog.Logger) *Poller {
	pl := &Poller{Every: every, Fetcher: f, Store: s, Parser: p, Log: log, feeds: map[string]*feedState{}}
	pl.Leases, _ = s.(geo.Leaser)
	for _, u := range urls {
		if _, dup := pl.feeds[u]; dup {
			continue
		}
		pl.urls = append(pl.urls, u)
		pl.feeds[u] = &feedState{status: geo.FeedStatus{URL: Redact(u), Status: "pending"}, seen: map[string]bool{}}
		f.Trust(u)
	}
	return pl
}

// Run polls every feed until ctx ends.
func (p *Poller) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, u := range p.urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			for {
				wait := p.Poll(ctx, u)
				select {
				case <-time.After(wait):
				case <-ctx.Done():
					return
				}
			}
		}(u)
	}
	wg.Wait()
}

// Status returns the state of every feed, in URL order.
func (p *Poller) Status() []geo.FeedStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]geo.FeedStatus, 0, len(p.feeds))
	for _, f := range p.feeds {
		out = append(out, f.status)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// Limits on one poll, so that a feed cannot make the server fetch or
// store without bound at once; items past them wait for the next poll.
const (
	maxPollItems = 200
	maxPollBytes = 50 << 20 // the feed's document and its items' texts
)

// pollResult is what one poll found.
type pollResult struct {
	title       string
	items       int // in the document
	fresh       int // new to the store
	refused     []string
	capped      bool
	notModified bool
	valid       Validators
}

// Poll fetches one feed once, stores its new items one by one as they are
// read, and returns how long to wait before the next poll (longer after
// failures).
func (p *Poller) Poll(ctx context.Context, u string) time.Duration {
	p.mu.Lock()
	st := p.feeds[u]
	valid := st.valid
	p.mu.Unlock()
	start := time.Now()
	if ok, err := p.leased(ctx, u); !ok {
		return p.skip(st, err)
	}
	r, err := p.poll(ctx, u, valid, st)
	p.mu.Lock()
	defer p.mu.Unlock()
	s := &st.status
	s.Polls++
	s.LastPoll = start
	s.LastRefused = r.refused
	s.Refused += len(r.refused)
	s.Capped = r.capped
	s.TotalNew += r.fresh
	wait := p.Every
	name := Redact(u)
	switch {
	case err != nil:
		s.Errors++
		s.Failures++
		s.Status = "error: " + err.Error()
		s.LastNew = r.fresh
		wait = min(maxBackoff, p.Every<<min(s.Failures, 10))
		p.Log.Warn("feed poll failed", "feed", name, "err", err, "retry_in", wait)
	case r.notModified:
		s.Failures, s.Status, s.LastNew = 0, "not modified", 0
		p.Log.Info("feed polled", "feed", name, "status", "not modified")
	default:
		st.valid = r.valid
		s.Failures, s.Status, s.Items, s.LastNew = 0, "ok", r.items, r.fresh
		if r.title != "" {
			s.Title = r.title
		}
		p.Log.Info("feed polled", "feed", name, "items", r.items, "new", r.fresh, "refused", len(r.refused),
			"capped", r.capped, "took", time.Since(start).Round(time.Millisecond))
	}
	s.NextPoll = time.Now().Add(wait)
	return wait
}

// leased reports whether this process is to poll u: always, unless the
// store grants leases and another process holds u's.
func (p *Poller) leased(ctx context.Context, u string) (bool, error) {
	if p.Leases == nil {
		return true, nil
	}
	return p.Leases.Lease(ctx, "feed "+u)
}

// skip records a poll left to another process, and waits an interval
// before trying to take the feed over.
func (p *Poller) skip(st *feedState, err error) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	st.status.Status = "polled by another process"
	if err != nil {
		st.status.Status = "error: " + err.Error()
	}
	st.status.NextPoll = time.Now().Add(p.Every)
	return p.Every
}

// poll fetches and parses the feed, then reads and stores each item not
// seen before.
func (p *Poller) poll(ctx context.Context, u string, v Validators, st *feedState) (pollResult, error) {
	var r pollResult
	res, err := p.Fetcher.Get(ctx, u, v)
	if err != nil {
		return r, err
	}
	if r.notModified, r.valid = res.NotModified, res.Validators; res.NotModified {
		return r, nil
	}
	if !IsFeed(res.Body) {
		return r, geo.Errorf(geo.EINVALID, "%s is not an RSS, Atom or JSON feed", Redact(u))
	}
	title, items, err := ParseFeed(res.Body, res.ContentType)
	if err != nil {
		return r, err
	}
	r.title, r.items = title, len(items)
	budget, taken := maxPollBytes-len(res.Body), 0
	for i := range items {
		it := &items[i]
		if p.seen(st, it.Key) {
			continue
		}
		if taken == maxPollItems || budget <= 0 {
			r.capped = true
			break
		}
		taken++
		if err := p.Fetcher.Complete(ctx, it); errors.Is(err, ErrPrivateAddress) {
			r.refused = append(r.refused, err.Error())
		}
		budget -= len(it.Article.Text)
		created, err := p.store(ctx, it)
		switch code := geo.ErrorCode(err); {
		case code == geo.EINTERNAL || code == geo.EFULL:
			return r, err // the item is tried again at the next poll
		case created:
			r.fresh++
		}
		p.mu.Lock()
		st.seen[it.Key], st.seen[it.Article.URL] = true, true
		p.mu.Unlock()
	}
	return r, nil
}

func (p *Poller) seen(st *feedState, key string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return st.seen[key]
}

// store ingests one item: a bad item (no text, too large) is skipped, not
// the whole feed.
func (p *Poller) store(ctx context.Context, it *Item) (bool, error) {
	if strings.TrimSpace(it.Article.Text) == "" {
		return false, nil
	}
	return geo.Ingest(ctx, p.Store, p.Parser, it.Article)
}
