package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"mentionmap/geo"
)

// maxBody is the largest document fetched.
const maxBody = 10 << 20

// Fetcher gets documents over HTTP politely: a timeout on every request,
// conditional GET, and at most one request per host every HostDelay. It
// refuses to connect to a non-public address unless the operator named
// its host (Trust) or AllowPrivate is set (guard.go).
type Fetcher struct {
	Client       *http.Client
	UserAgent    string
	HostDelay    time.Duration
	AllowPrivate bool // fetch links to loopback and private addresses too

	mu    sync.Mutex
	next  map[string]time.Time // host -> earliest next request
	trust map[string]bool      // hosts the operator named
}

// NewFetcher returns a Fetcher with a 20-second timeout and a one-second
// delay between requests to the same host. It uses no proxy: the address
// check needs to see the address it connects to.
func NewFetcher() *Fetcher {
	f := &Fetcher{
		UserAgent: "mentionmap/1 (+https://github.com/mentionmap)",
		HostDelay: time.Second,
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.DialContext = f.dial
	f.Client = &http.Client{Timeout: 20 * time.Second, Transport: t}
	return f
}

// Validators are a response's ETag and Last-Modified, sent back on the
// next request so an unchanged document costs a 304.
type Validators struct{ ETag, LastModified string }

// Response is a fetched document.
type Response struct {
	Body        []byte
	ContentType string
	URL         string // after redirects
	NotModified bool
	Validators  Validators
}

// Get fetches u, waiting for the host's turn.
func (f *Fetcher) Get(ctx context.Context, u string, v Validators) (*Response, error) {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
		return nil, geo.Errorf(geo.EINVALID, "not an http(s) URL: %q", Redact(u))
	}
	if err := f.wait(ctx, pu.Host); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "%s: %v", Redact(u), err)
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, text/html;q=0.9, */*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	res, err := f.Client.Do(req)
	if err != nil {
		var ue *url.Error // its text holds the URL, credentials and all
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("fetch %s: %w", Redact(u), err)
	}
	defer res.Body.Close()
	out := &Response{URL: res.Request.URL.String(), ContentType: res.Header.Get("Content-Type"),
		Validators: Validators{res.Header.Get("ETag"), res.Header.Get("Last-Modified")}}
	switch {
	case res.StatusCode == http.StatusNotModified:
		out.NotModified, out.Validators = true, v
		return out, nil
	case res.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("fetch %s: %s", Redact(u), res.Status)
	}
	if out.Body, err = io.ReadAll(io.LimitReader(res.Body, maxBody+1)); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", Redact(u), err)
	}
	if len(out.Body) > maxBody {
		return nil, geo.Errorf(geo.ETOOLARGE, "%s is larger than %d bytes", Redact(u), maxBody)
	}
	return out, nil
}

// wait sleeps until host may be asked again.
func (f *Fetcher) wait(ctx context.Context, host string) error {
	f.mu.Lock()
	if f.next == nil {
		f.next = map[string]time.Time{}
	}
	now := time.Now()
	at := f.next[host]
	if at.Before(now) {
		at = now
	}
	f.next[host] = at.Add(f.HostDelay)
	f.mu.Unlock()
	select {
	case <-time.After(time.Until(at)):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
