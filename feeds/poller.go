package feeds

import (
	"context"
	"errors"
	"log/slog"
	"sort"
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

	mu    sync.Mutex
	feeds map[string]*feedState
	urls  []string
}

type feedState struct {
	status geo.FeedStatus
	valid  Validators
	seen   map[string]bool // item keys and links already ingested
}

// NewPoller prepares a poller for the feed URLs.
func NewPoller(urls []string, every time.Duration, f *Fetcher, s geo.ArticleStore, p geo.Geoparser, log *slog.Logger) *Poller {
	pl := &Poller{Every: every, Fetcher: f, Store: s, Parser: p, Log: log, feeds: map[string]*feedState{}}
	for _, u := range urls {
		if _, dup := pl.feeds[u]; dup {
			continue
		}
		pl.urls = append(pl.urls, u)
		pl.feeds[u] = &feedState{status: geo.FeedStatus{URL: u, Status: "pending"}, seen: map[string]bool{}}
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

// Poll fetches one feed once, ingests its new items, and returns how long
// to wait before the next poll (longer after failures).
func (p *Poller) Poll(ctx context.Context, u string) time.Duration {
	p.mu.Lock()
	st := p.feeds[u]
	valid := st.valid
	p.mu.Unlock()
	start := time.Now()
	title, items, res, err := p.fetch(ctx, u, valid, st)
	fresh, err := p.ingest(ctx, items, st, err)
	p.mu.Lock()
	defer p.mu.Unlock()
	s := &st.status
	s.Polls++
	s.LastPoll = start
	wait := p.Every
	switch {
	case err != nil:
		s.Errors++
		s.Failures++
		s.Status = "error: " + err.Error()
		wait = min(maxBackoff, p.Every<<min(s.Failures, 10))
		p.Log.Warn("feed poll failed", "feed", u, "err", err, "retry_in", wait)
	case res.NotModified:
		s.Failures, s.Status, s.LastNew = 0, "not modified", 0
		p.Log.Info("feed polled", "feed", u, "status", "not modified")
	default:
		st.valid = res.Validators
		s.Failures, s.Status, s.Items, s.LastNew = 0, "ok", len(items), fresh
		s.TotalNew += fresh
		if title != "" {
			s.Title = title
		}
		p.Log.Info("feed polled", "feed", u, "items", len(items), "new", fresh, "took", time.Since(start).Round(time.Millisecond))
	}
	s.NextPoll = time.Now().Add(wait)
	return wait
}

// fetch gets and parses the feed; pages are fetched only for items not
// ingested before.
func (p *Poller) fetch(ctx context.Context, u string, v Validators, st *feedState) (string, []Item, *Response, error) {
	res, err := p.Fetcher.Get(ctx, u, v)
	if err != nil || res.NotModified {
		return "", nil, res, err
	}
	if !IsFeed(res.Body) {
		return "", nil, res, geo.Errorf(geo.EINVALID, "%s is not an RSS, Atom or JSON feed", u)
	}
	page := func(ctx context.Context, link string) (*geo.Article, error) {
		p.mu.Lock()
		seen := st.seen[link]
		p.mu.Unlock()
		if seen {
			return nil, errSeen
		}
		return p.Fetcher.Page(ctx, link)
	}
	title, items, err := ParseFeed(ctx, res.Body, res.ContentType, page)
	return title, items, res, err
}

var errSeen = errors.New("already ingested")

// ingest stores the items not seen before and returns how many were new
// to the store.
func (p *Poller) ingest(ctx context.Context, items []Item, st *feedState, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	var arts []*geo.Article
	var keys []string
	p.mu.Lock()
	for _, it := range items {
		if !st.seen[it.Key] {
			arts = append(arts, it.Article)
			keys = append(keys, it.Key, it.Article.URL)
		}
	}
	p.mu.Unlock()
	fresh := 0
	for _, a := range arts {
		// One at a time: a bad item is skipped, not the whole feed.
		created, err := geo.Ingest(ctx, p.Store, p.Parser, a)
		if geo.ErrorCode(err) == geo.EINTERNAL {
			return fresh, err
		}
		if created {
			fresh++
		}
	}
	p.mu.Lock()
	for _, k := range keys {
		st.seen[k] = true
	}
	p.mu.Unlock()
	return fresh, nil
}
