package feeds_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"mentionmap/feeds"
)

// secret is a page on the operator's own network.
func secretSite(t *testing.T) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><body><article><h1>Internal</h1><p>`+strings.Repeat("The admin password of the Tripoli office is hunter2. ", 20)+`</p></article></body></html>`)
	}))
	t.Cleanup(s.Close)
	return s
}

// summaryFeed serves at /feed.xml one summary-only item linking to link,
// and at /redirect a redirect to target.
func summaryFeed(t *testing.T, link, target string) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/redirect":
			http.Redirect(w, r, target, http.StatusFound)
		default:
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>Wire</title><item><title>Tripoli</title>
<link>%s</link><guid>item-1</guid><description>Fighting in Tripoli.</description></item></channel></rss>`, link)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// asLocalhost names a loopback test server by the name localhost, so that
// its host differs from 127.0.0.1 as the operator's feed host would differ
// from the private address an item links to.
func asLocalhost(url string) string { return strings.Replace(url, "127.0.0.1", "localhost", 1) }

func TestFeedLinksToPrivateAddressesAreRefused(t *testing.T) {
	secret := secretSite(t)
	direct := summaryFeed(t, secret.URL+"/admin", "")
	redirected := summaryFeed(t, "", secret.URL+"/admin")
	redirectFeed := summaryFeed(t, asLocalhost(redirected.URL)+"/redirect", "")
	tests := []struct {
		name, feed   string
		allow        bool
		wantRefused  bool
		wantInternal bool
	}{
		{"direct link", asLocalhost(direct.URL) + "/feed.xml", false, true, false},
		{"redirect to a private address", asLocalhost(redirectFeed.URL) + "/feed.xml", false, true, false},
		{"allowed by the operator", asLocalhost(direct.URL) + "/feed.xml", true, false, true},
		{"the feed's own host", direct.URL + "/feed.xml", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fetcher()
			f.AllowPrivate = tt.allow
			if tt.name == "the feed's own host" {
				f.Trust(secret.URL) // the operator named a feed on the secret host
			}
			arts, refused, err := f.Read(context.Background(), tt.feed)
			if err != nil || len(arts) != 1 {
				t.Fatalf("%d articles, %v", len(arts), err)
			}
			if got := len(refused) > 0; got != tt.wantRefused {
				t.Errorf("refused %v, want %v", refused, tt.wantRefused)
			}
			internal := strings.Contains(arts[0].Text, "hunter2")
			if internal != (tt.wantInternal || tt.name == "the feed's own host") {
				t.Errorf("stored text %.80q", arts[0].Text)
			}
		})
	}
}

func TestPollerReportsRefusedLinksWithoutCredentials(t *testing.T) {
	secret := secretSite(t)
	feed := summaryFeed(t, secret.URL+"/admin", "")
	u := strings.Replace(asLocalhost(feed.URL), "http://", "http://alice:pw@", 1) + "/feed.xml?api_key=k3y"
	var logs strings.Builder
	st := newStore(t)
	p := feeds.NewPoller([]string{u}, time.Hour, fetcher(), st, geoparser(t), slog.New(slog.NewTextHandler(&logs, nil)))
	p.Poll(context.Background(), u)
	status := p.Status()[0]
	if status.Refused != 1 || len(status.LastRefused) != 1 || status.TotalNew != 1 {
		t.Errorf("status: %+v", status)
	}
	b, _ := json.Marshal(p.Status())
	for _, leak := range []string{"pw", "k3y"} {
		if strings.Contains(string(b), leak) || strings.Contains(logs.String(), leak) {
			t.Errorf("%q shows in the status or the log:\n%s\n%s", leak, b, logs.String())
		}
	}
	arts, _ := st.Articles(context.Background(), 10, 0)
	if len(arts) != 1 {
		t.Fatalf("%d articles stored, want the summary", len(arts))
	}
	a, _ := st.Article(context.Background(), arts[0].ID, 0, 0)
	if strings.Contains(a.Text, "hunter2") {
		t.Errorf("the private page was stored: %.80q", a.Text)
	}
	// A failing feed's error names it without credentials too.
	bad := "http://bob:pw2@127.0.0.1:1/feed.xml?token=t0k"
	p = feeds.NewPoller([]string{bad}, time.Hour, fetcher(), st, geoparser(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	p.Poll(context.Background(), bad)
	if b, _ := json.Marshal(p.Status()); strings.Contains(string(b), "pw2") || strings.Contains(string(b), "t0k") {
		t.Errorf("the failing feed's status shows credentials: %s", b)
	}
}
