package feeds

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"mentionmap/geo"
)

// IsSource reports whether a name is something this package reads: an
// http(s) URL, or a file of a feed or page type.
func IsSource(name string) bool {
	if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xml", ".rss", ".atom", ".html", ".htm":
		return true
	}
	return false
}

// IsJSONFeed reports whether a .json document is a JSON Feed rather than
// mentionmap's own article JSON.
func IsJSONFeed(body []byte) bool { return bytes.Contains(body, []byte("jsonfeed.org/version")) }

// Read reads a source that the operator names, a URL or a file, into
// articles: every item of a feed, or the page's article. The source's own
// host is trusted (see Trust); links its items lead elsewhere are checked,
// and those refused are listed.
func (f *Fetcher) Read(ctx context.Context, src string) (arts []*geo.Article, refused []string, err error) {
	var body []byte
	var ctype, base string
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		f.Trust(src)
		res, err := f.Get(ctx, src, Validators{})
		if err != nil {
			return nil, nil, err
		}
		body, ctype, base = res.Body, res.ContentType, res.URL
	} else {
		b, err := os.ReadFile(src)
		if err != nil {
			return nil, nil, geo.Errorf(geo.EINVALID, "%v", err)
		}
		body, ctype, base = b, http.DetectContentType(b), ""
	}
	return f.Decode(ctx, body, ctype, base)
}

// Decode turns a fetched or read document into articles, fetching the
// pages of items that carry only a summary. base is the document's URL,
// or "" for a file.
func (f *Fetcher) Decode(ctx context.Context, body []byte, contentType, base string) (arts []*geo.Article, refused []string, err error) {
	if !IsFeed(body) {
		a, err := FromHTML(body, contentType, base)
		if err != nil {
			return nil, nil, err
		}
		return []*geo.Article{a}, nil, nil
	}
	_, items, err := ParseFeed(body, contentType)
	if err != nil {
		return nil, nil, err
	}
	for i := range items {
		if err := f.Complete(ctx, &items[i]); errors.Is(err, ErrPrivateAddress) {
			refused = append(refused, err.Error())
		}
		if strings.TrimSpace(items[i].Article.Text) != "" {
			arts = append(arts, items[i].Article)
		}
	}
	return arts, refused, nil
}

// Page fetches a linked article page and extracts it.
func (f *Fetcher) Page(ctx context.Context, u string) (*geo.Article, error) {
	res, err := f.Get(ctx, u, Validators{})
	if err != nil {
		return nil, err
	}
	return FromHTML(res.Body, res.ContentType, res.URL)
}
