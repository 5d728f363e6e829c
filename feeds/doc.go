// Package feeds reads news sources: RSS 2.0, Atom and JSON Feed documents
// (with github.com/mmcdole/gofeed) and article pages (main text by
// github.com/go-shiori/go-readability), in any character set
// (golang.org/x/net/html/charset). It fetches them over HTTP with
// conditional GET, timeouts and a per-host delay, refuses to follow links
// into private networks (guard.go), and polls feeds in the background for
// `mentionmap serve --feed`.
package feeds
