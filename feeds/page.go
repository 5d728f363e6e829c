package feeds

import (
	"bytes"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/araddon/dateparse"
	"github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"mentionmap/geo"
)

// toUTF8 decodes body from the character set its Content-Type or its own
// <meta charset> declares (or that charset sniffing finds).
func toUTF8(body []byte, contentType string) ([]byte, error) {
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "unknown character set: %v", err)
	}
	return io.ReadAll(r)
}

// FromHTML extracts an article from a page: its main text (not navigation,
// sidebars, footers or comments), title, canonical URL and publication
// time.
func FromHTML(body []byte, contentType, pageURL string) (*geo.Article, error) {
	body, err := toUTF8(body, contentType)
	if err != nil {
		return nil, err
	}
	u, _ := url.Parse(pageURL)
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "%s: not HTML: %v", pageURL, err)
	}
	meta := readMeta(doc)
	art, err := readability.FromDocument(doc, u)
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "%s: no article text found: %v", pageURL, err)
	}
	text := strings.TrimSpace(art.TextContent)
	if text == "" {
		return nil, geo.Errorf(geo.EINVALID, "%s: no article text found", pageURL)
	}
	a := &geo.Article{Title: geo.Clip(strings.TrimSpace(art.Title), geo.MaxTitleBytes), Text: text,
		Source: geo.Clip(strings.TrimSpace(art.SiteName), geo.MaxSourceBytes)}
	if geo.WebURL(pageURL) {
		a.URL = pageURL
	}
	if meta.canonical != "" && u != nil {
		if c, err := u.Parse(meta.canonical); err == nil && geo.WebURL(c.String()) {
			a.URL = c.String()
		}
	}
	a.Published = art.PublishedTime
	if a.Published == nil {
		a.Published = firstTime(meta.published, meta.timeTag, lastUpdated(text))
	}
	return a, nil
}

// pageMeta is what FromHTML reads from the markup besides the text.
type pageMeta struct {
	canonical, published, timeTag string
}

// readMeta walks the document for <link rel=canonical>,
// article:published_time and the first <time datetime>.
func readMeta(n *html.Node) pageMeta {
	var m pageMeta
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := func(k string) string {
				for _, a := range n.Attr {
					if strings.EqualFold(a.Key, k) {
						return a.Val
					}
				}
				return ""
			}
			switch n.Data {
			case "link":
				if strings.EqualFold(attr("rel"), "canonical") && m.canonical == "" {
					m.canonical = attr("href")
				}
			case "meta":
				if p := attr("property") + attr("name"); p == "article:published_time" && m.published == "" {
					m.published = attr("content")
				}
			case "time":
				if m.timeTag == "" {
					m.timeTag = attr("datetime")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return m
}

// lastUpdatedRE finds a visible "Last updated on September 11th, 2021 at
// 03:06 pm" or "Published: 2021-09-11" line.
var lastUpdatedRE = regexp.MustCompile(`(?i)(?:last updated|updated|published)(?: on)?:?\s+([A-Za-z0-9 ,:\-/]+?(?:\d{4})(?:\s+at\s+\d{1,2}:\d{2}\s*(?:am|pm)?)?)\b`)

func lastUpdated(text string) string {
	if m := lastUpdatedRE.FindStringSubmatch(text); m != nil {
		s := regexp.MustCompile(`(\d)(st|nd|rd|th)`).ReplaceAllString(m[1], "$1")
		return strings.Replace(s, " at ", " ", 1)
	}
	return ""
}

// firstTime parses the first of the candidates that is a date.
func firstTime(candidates ...string) *time.Time {
	for _, c := range candidates {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		if t, err := dateparse.ParseAny(c); err == nil {
			t = t.UTC()
			return &t
		}
	}
	return nil
}
