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
// polls (GUID, else link). Link is the page of an item that carries only a
// summary (Fetcher.Complete reads it), else "".
type Item struct {
	Key     string
	Article *geo.Article
	Link    string
}

// ParseFeed reads a feed's items. It fetches nothing: an item with only a
// summary names its page in Link.
func ParseFeed(body []byte, contentType string) (title string, items []Item, err error) {
	body, err = toUTF8(body, contentType)
	if err != nil {
		return "", nil, err
	}
	feed, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		return "", nil, geo.Errorf(geo.EINVALID, "not a readable feed: %v", err)
	}
	source := geo.Clip(strings.TrimSpace(feed.Title), geo.MaxSourceBytes)
	for _, it := range feed.Items {
		a := &geo.Article{Title: geo.Clip(strings.TrimSpace(it.Title), geo.MaxTitleBytes), Source: source}
		if geo.WebURL(it.Link) {
			a.URL = it.Link
		} else if strings.HasPrefix(it.GUID, "http") && geo.WebURL(it.GUID) {
			a.URL = it.GUID
		}
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
		item := Item{Key: it.GUID, Article: a}
		if item.Key == "" {
			item.Key = it.Link
		}
		if utf8.RuneCountInString(a.Text) < summaryChars && geo.WebURL(it.Link) {
			item.Link = it.Link
		}
		if strings.TrimSpace(a.Text) == "" && item.Link == "" {
			continue
		}
		items = append(items, item)
	}
	return strings.TrimSpace(feed.Title), items, nil
}

// Complete replaces the summary of an item that has only one with the text
// of its linked page, when that is longer. A page that cannot be had
// leaves the summary, and the error says why: errors.Is(err,
// ErrPrivateAddress) for a link that was refused.
func (f *Fetcher) Complete(ctx context.Context, it *Item) error {
	if it.Link == "" {
		return nil
	}
	page, err := f.Page(ctx, it.Link)
	if err != nil {
		return err
	}
	if a := it.Article; len(page.Text) > len(a.Text) {
		a.Text = page.Text
		if a.Published == nil {
			a.Published = page.Published
		}
	}
	return nil
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
