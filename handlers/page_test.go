package handlers_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"mentionmap/geo"

	"mentionmap/handlers"
)

func TestPageAndAssets(t *testing.T) {
	assets := fstest.MapFS{
		"index.html":     {Data: []byte("<!doctype html><html><body><div id=map></div></body></html>")},
		"app.js":         {Data: []byte("console.log('map')")},
		"images/pin.png": {Data: []byte("png")},
		"countries.json": {Data: []byte(`{"type":"Topology"}`)},
	}
	srv := newServer(t, handlers.Options{Assets: assets, TileURL: "https://tiles.test/{z}/{x}/{y}.png"})
	tests := []struct {
		path, accept string
		status       int
		contains     string
	}{
		{"/", "text/html,application/xhtml+xml", 200, "<div id=map>"},
		{"/?f=html", "", 200, "<div id=map>"},
		{"/", "application/json", 200, `"service-desc"`},
		{"/assets/app.js", "", 200, "console.log"},
		{"/assets/images/pin.png", "", 200, "png"},
		{"/assets/missing.js", "", 404, "no asset"},
		{"/assets/", "", 404, "no asset"},
		{"/assets/../../handlers/page.go", "", 404, ""},
		{"/assets/..%2f..%2fgo.mod", "", 404, ""},
		{"/config.json", "", 200, "tiles.test"},
	}
	for _, tt := range tests {
		res, body := do(t, "GET", srv.URL+tt.path, "", "", "Accept", tt.accept)
		if res.StatusCode == 301 || res.StatusCode == 308 { // the router cleans dot segments by redirecting
			res, body = do(t, "GET", srv.URL+res.Header.Get("Location"), "", "")
		}
		if res.StatusCode != tt.status || !strings.Contains(string(body), tt.contains) {
			t.Errorf("GET %s (%s) = %d %q", tt.path, tt.accept, res.StatusCode, body)
		}
	}
	// Without a built bundle the page is a plain list of links.
	plain := newServer(t, handlers.Options{})
	if res, body := do(t, "GET", plain.URL+"/", "", "", "Accept", "text/html"); res.StatusCode != 200 || !strings.Contains(string(body), "go generate ./web") {
		t.Errorf("plain page: %d %s", res.StatusCode, body)
	}
}

type fakeFeeds []geo.FeedStatus

func (f fakeFeeds) Status() []geo.FeedStatus { return f }

func TestFeedsEndpoint(t *testing.T) {
	none := newServer(t, handlers.Options{})
	if res, body := do(t, "GET", none.URL+"/feeds", "", ""); res.StatusCode != 200 || !strings.Contains(string(body), `"feeds":[]`) {
		t.Errorf("no feeds: %d %s", res.StatusCode, body)
	}
	srv := newServer(t, handlers.Options{Feeds: fakeFeeds{{URL: "https://x.test/rss", Status: "ok", Items: 12, TotalNew: 3}}})
	res, body := do(t, "GET", srv.URL+"/feeds", "", "")
	if res.StatusCode != 200 || !strings.Contains(string(body), `"total_new":3`) || !strings.Contains(string(body), `"status":"ok"`) {
		t.Errorf("feeds: %d %s", res.StatusCode, body)
	}
}
