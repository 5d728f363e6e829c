package feeds

import (
	"bytes"
	"context"
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

// Read reads a source (a URL or a file) into articles: every item of a
// feed, or the page's article.
func (f *Fetcher) Read(ctx context.Context, src string) ([]*geo.Article, error) {
	var body []byte
	var ctype, base string
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		res, err := f.Get(ctx, src, Validators{})
		if err != nil {
			return nil, err
		}
		body, ctype, base = res.Body, res.ContentType, res.URL
	} else {
		b, err := os.ReadFile(src)
		if err != nil {
			return nil, geo.Errorf(geo.EINVALID, "%v", err)
		}
		body, ctype, base = b, http.DetectContentType(b), "file://"+src
	}
	return f.Decode(ctx, body, ctype, base)
}

// Decode turns a fetched or read document into articles.
func (f *Fetcher) Decode(ctx context.Context, body []byte, contentType, base string) ([]*geo.Article, error) {
	if IsFeed(body) {
		_, items, err := ParseFeed(ctx, body, contentType, f.Page)
		if err != nil {
			return nil, err
		}
		out := make([]*geo.Article, len(items))
		for i, it := range items {
			out[i] = it.Article
		}
		return out, nil
	}
	a, err := FromHTML(body, contentType, base)
	if err != nil {
		return nil, err
	}
	return []*geo.Article{a}, nil
}

// Page fetches a linked article page and extracts it.
func (f *Fetcher) Page(ctx context.Context, u string) (*geo.Article, error) {
	res, err := f.Get(ctx, u, Validators{})
	if err != nil {
		return nil, err
	}
	return FromHTML(res.Body, res.ContentType, res.URL)
}
