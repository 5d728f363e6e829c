package feeds

import (
	"bytes"
	"context"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"mentionmap/geo"
)

// summaryChars: an item whose text is shorter carries only a summary, and
// its linked page is fetched for the full text.
const summaryChars = 500

// IsFeed reports whether a document is an RSS, Atom or JSON Feed.
func IsFeed(body []byte) bool {
	return gofeed.DetectFeedType(bytes.NewReader(body)) != gofeed.FeedTypeUnknown
}

// Item is one feed entry turned into an article; Key identifies it across
// polls (GUID, else link).
type Item struct {
	Key     string
	Article *geo.Article
}

// ParseFeed reads a feed's items. Items with only a summary are completed
// by fetch, which may be nil (then the summary is kept).
func ParseFeed(ctx context.Context, body []byte, contentType string, fetch func(ctx context.Context, url string) (*geo.Article, error)) (title string, items []Item, err error) {
	body, err = toUTF8(body, contentType)
	if err != nil {
		return "", nil, err
	}
	feed, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		return "", nil, geo.Errorf(geo.EINVALID, "not a readable feed: %v", err)
	}
	for _, it := range feed.Items {
		a := &geo.Article{URL: it.Link, Title: strings.TrimSpace(it.Title), Source: strings.TrimSpace(feed.Title)}
		switch {
		case it.PublishedParsed != nil:
			t := it.PublishedParsed.UTC()
			a.Published = &t
		case it.UpdatedParsed != nil:
			t := it.UpdatedParsed.UTC()
			a.Published = &t
		}
		a.Text = htmlText(it.Content)
		if a.Text == "" {
			a.Text = htmlText(it.Description)
		}
		if utf8.RuneCountInString(a.Text) < summaryChars && it.Link != "" && fetch != nil {
			if page, err := fetch(ctx, it.Link); err == nil && len(page.Text) > len(a.Text) {
				a.Text = page.Text
				if a.Published == nil {
					a.Published = page.Published
				}
			}
		}
		if a.Text = strings.TrimSpace(a.Text); a.Text == "" {
			continue
		}
		key := it.GUID
		if key == "" {
			key = it.Link
		}
		if a.URL == "" && strings.HasPrefix(it.GUID, "http") {
			a.URL = it.GUID
		}
		items = append(items, Item{Key: key, Article: a})
	}
	return strings.TrimSpace(feed.Title), items, nil
}

// htmlText returns the text of an HTML fragment, one block per line.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "blockquote":
				b.WriteByte('\n')
			}
		}
	}
	walk(doc)
	return strings.TrimSpace(b.String())
}
