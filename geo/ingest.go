package geo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Limits on one article. A title, source and URL are copied into every
// feature that refers to the article, so their length bounds what one
// article can add to an answer; so does the count of mentions kept.
const (
	MaxTextBytes   = 5 << 20
	MaxTitleBytes  = 1 << 10
	MaxSourceBytes = 1 << 10
	MaxURLBytes    = 2 << 10
	MaxMentions    = 2000
)

// Validate checks an incoming article and normalises its fields.
func (a *Article) Validate() error {
	a.URL, a.Title, a.Source = strings.TrimSpace(a.URL), strings.TrimSpace(a.Title), strings.TrimSpace(a.Source)
	switch {
	case len(a.Title) > MaxTitleBytes:
		return Errorf(ETOOLARGE, "title is %d bytes; the limit is %d", len(a.Title), MaxTitleBytes)
	case len(a.Source) > MaxSourceBytes:
		return Errorf(ETOOLARGE, "source is %d bytes; the limit is %d", len(a.Source), MaxSourceBytes)
	case len(a.URL) > MaxURLBytes:
		return Errorf(ETOOLARGE, "url is %d bytes; the limit is %d", len(a.URL), MaxURLBytes)
	case a.URL != "" && !WebURL(a.URL):
		return Errorf(EINVALID, "url must be an absolute http or https URL")
	case strings.TrimSpace(a.Text) == "":
		return Errorf(EINVALID, "text is required and must not be empty")
	case len(a.Text) > MaxTextBytes:
		return Errorf(ETOOLARGE, "text is %d bytes; the limit is %d", len(a.Text), MaxTextBytes)
	case !utf8.ValidString(a.Text):
		return Errorf(EINVALID, "text is not valid UTF-8")
	case strings.ContainsRune(a.Text, 0):
		return Errorf(EINVALID, "text contains NUL bytes")
	case !utf8.ValidString(a.Title + a.URL + a.Source):
		return Errorf(EINVALID, "title, url and source must be valid UTF-8")
	}
	return nil
}

// Clip cuts s to at most n bytes, at a character boundary: for titles
// read from files and feeds, which are not refused for their length.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// WebURL reports whether u is an absolute http or https URL with a host:
// the only links a page may render (no javascript: or data:).
func WebURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// parseInto geoparses a's text as source's, keeping the first MaxMentions
// mentions and counting the rest in MentionsOmitted, and marks its focus.
func parseInto(p Geoparser, source string, a *Article) {
	var ms []Mention
	omitted := 0
	if lp, ok := p.(LimitedParser); ok {
		ms, omitted = lp.ParseLimited(source, a.Text, MaxMentions)
	} else {
		ms = p.ParseFrom(source, a.Text)
	}
	a.MentionsOmitted = omitted + max(0, len(ms)-MaxMentions)
	a.Mentions = ms[:min(len(ms), MaxMentions)]
	MarkFocus(a)
}

// Ingest validates a, geoparses its text and stores it. created is false
// when the store already had the article; a then holds the stored one.
func Ingest(ctx context.Context, s ArticleStore, p Geoparser, a *Article) (bool, error) {
	if err := a.Validate(); err != nil {
		return false, err
	}
	parseInto(p, SourceKey(a.Source, a.URL), a)
	created, err := s.IngestBatch(ctx, []*Article{a})
	if err != nil {
		return false, err
	}
	return created[0], nil
}

// IngestBatch validates every article, geoparses them and stores them in
// one transaction. An invalid article fails the whole batch, naming it.
func IngestBatch(ctx context.Context, s ArticleStore, p Geoparser, arts []*Article) ([]bool, error) {
	if err := PrepareBatch(p, arts); err != nil {
		return nil, err
	}
	return s.IngestBatch(ctx, arts)
}

// PrepareBatch validates every article and geoparses them on every core,
// ready for ArticleStore.IngestBatch. An invalid article fails the whole
// batch, naming it.
func PrepareBatch(p Geoparser, arts []*Article) error {
	for i, a := range arts {
		if err := a.Validate(); err != nil {
			return Errorf(ErrorCode(err), "article %d: %s", i+1, ErrorMessage(err))
		}
	}
	parseAll(p, arts)
	return nil
}

// parseAll geoparses arts on every core, each source's articles in order
// on one core, so that what the parser learns of a source does not depend
// on timing. Articles of no known source are parsed independently.
func parseAll(p Geoparser, arts []*Article) {
	type group struct {
		source string
		arts   []*Article
	}
	var groups []*group
	bySource := map[string]*group{}
	for _, a := range arts {
		k := SourceKey(a.Source, a.URL)
		g := bySource[k]
		if g == nil {
			g = &group{source: k}
			groups = append(groups, g)
			if k != "" {
				bySource[k] = g
			}
		}
		g.arts = append(g.arts, a)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(groups)) {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(groups)); i = next.Add(1) - 1 {
				for _, a := range groups[i].arts {
					parseInto(p, groups[i].source, a)
					a.Signature()    // for the store's writer, which groups stories
					a.TextHash()     // and finds copies
					prepareStored(a) // and stores the reasons
				}
			}
		})
	}
	wg.Wait()
}

// ContentHash is the hash of an article's text that deduplicates
// articles in every store: hex SHA-256.
func ContentHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// hashed is an article's ContentHash, and the text it hashes.
type hashed struct {
	text, hash string
}

// TextHash returns ContentHash(a.Text), computed once per text: parsing
// hashes each article on the parsing cores, and a store's single writer
// reads the hash back. The Hash field, which a client may have set, plays
// no part.
func (a *Article) TextHash() string {
	if a.hashed.hash == "" || a.hashed.text != a.Text {
		a.hashed = hashed{text: a.Text, hash: ContentHash(a.Text)}
	}
	return a.hashed.hash
}

// SourceKey names who published an article, for what a geoparser learns
// per source: source if given, else the host of url without "www.", else "".
func SourceKey(source, url string) string {
	if source = strings.TrimSpace(source); source != "" {
		return strings.ToLower(source)
	}
	_, rest, ok := strings.Cut(url, "://")
	if !ok {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	host, _, _ = strings.Cut(host, "?")
	return strings.TrimPrefix(strings.ToLower(host), "www.")
}

// MarshalJSON writes a place with its lon/lat.
func (p Place) MarshalJSON() ([]byte, error) {
	type plain Place
	return json.Marshal(struct {
		plain
		Lon float64 `json:"lon"`
		Lat float64 `json:"lat"`
	}{plain(p), p.Point.Lon(), p.Point.Lat()})
}
