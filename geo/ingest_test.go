package geo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestSourceKey(t *testing.T) {
	tests := []struct{ source, url, want string }{
		{"", "http://www.star-telegram.com/arlington_news/story/1.html", "star-telegram.com"},
		{"", "https://News.Example.org?id=3", "news.example.org"},
		{"", "https://example.org:8080/a", "example.org:8080"},
		{"Reuters", "https://www.reuters.com/world/", "reuters"},
		{"  Le Monde ", "", "le monde"},
		{"", "not a url", ""},
		{"", "", ""},
	}
	for _, tc := range tests {
		if got := SourceKey(tc.source, tc.url); got != tc.want {
			t.Errorf("SourceKey(%q, %q) = %q, want %q", tc.source, tc.url, got, tc.want)
		}
	}
}

func FuzzSourceKey(f *testing.F) {
	f.Add("", "http://www.example.com/a")
	f.Add("Wire", "")
	f.Add("", "://")
	f.Fuzz(func(t *testing.T, source, url string) {
		k := SourceKey(source, url)
		if k != strings.ToLower(k) {
			t.Errorf("key %q is not lower case", k)
		}
		if strings.TrimSpace(source) == "" && strings.ContainsAny(k, "/?") {
			t.Errorf("host %q of %q keeps a path or query", k, url)
		}
	})
}

// orderParser records the texts it parses per source.
type orderParser struct {
	mu   sync.Mutex
	seen map[string][]string
}

func (p *orderParser) Parse(text string) []Mention { return p.ParseFrom("", text) }

func (p *orderParser) ParseFrom(source, text string) []Mention {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen[source] = append(p.seen[source], text)
	return []Mention{{Text: source}}
}

// TestParseAllKeepsSourceOrder checks that a batch parses each source's
// articles in batch order, and every article once.
func TestParseAllKeepsSourceOrder(t *testing.T) {
	var arts []*Article
	want := map[string][]string{}
	for i := range 200 {
		a := &Article{Text: fmt.Sprint(i)}
		switch i % 4 {
		case 0:
			a.Source = "Wire"
		case 1:
			a.URL = fmt.Sprintf("https://www.paper.example/%d", i)
		case 2:
			a.URL = fmt.Sprintf("https://paper.example/story?id=%d", i)
		}
		k := SourceKey(a.Source, a.URL)
		want[k] = append(want[k], a.Text)
		arts = append(arts, a)
	}
	p := &orderParser{seen: map[string][]string{}}
	parseAll(p, arts)
	for k, texts := range want {
		got := p.seen[k]
		if k == "" {
			if len(got) != len(texts) {
				t.Errorf("parsed %d articles of no source, want %d", len(got), len(texts))
			}
			continue
		}
		if strings.Join(got, ",") != strings.Join(texts, ",") {
			t.Errorf("source %q parsed in the order %v, want %v", k, got, texts)
		}
	}
	for _, a := range arts {
		if len(a.Mentions) != 1 || a.Mentions[0].Text != SourceKey(a.Source, a.URL) {
			t.Errorf("article %s got mentions %v", a.Text, a.Mentions)
		}
	}
}

func TestTextHash(t *testing.T) {
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	for _, c := range []struct {
		name string
		do   func(a *Article) string // the hash a store would read
		want string
	}{
		{"a new article", func(a *Article) string { return a.TextHash() }, sum("Sirte")},
		{"a client's hash plays no part", func(a *Article) string { a.Hash = sum("Tripoli"); return a.TextHash() }, sum("Sirte")},
		{"a text changed after hashing", func(a *Article) string { a.TextHash(); a.Text = "Tripoli"; return a.TextHash() }, sum("Tripoli")},
		{"a text of the same content", func(a *Article) string { a.TextHash(); a.Text = string([]byte("Sirte")); return a.TextHash() }, sum("Sirte")},
	} {
		if got := c.do(&Article{Text: "Sirte"}); got != c.want {
			t.Errorf("%s: TextHash = %s, want %s", c.name, got, c.want)
		}
	}
}
