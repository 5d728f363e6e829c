package handlers_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"mentionmap/data/postgis/pgtest"
	"mentionmap/handlers"
)

func TestWatchRequests(t *testing.T) {
	srv := newServer(t, handlers.Options{})
	tests := []struct {
		name, body string
		status     int
	}{
		{"a bbox", `{"name":"Libya","bbox":[9,19,26,34]}`, 201},
		{"a place's extent and filters", `{"name":"Libyan towns","place":"LY","filter":"kind=city&q=militias"}`, 201},
		{"no area", `{"name":"nowhere"}`, 400},
		{"both a bbox and a place", `{"name":"x","bbox":[9,19,26,34],"place":"LY"}`, 400},
		{"an empty bbox", `{"name":"x","bbox":[9,19,9,19]}`, 400},
		{"a bbox out of range", `{"name":"x","bbox":[9,19,260,34]}`, 400},
		{"a town has no extent", `{"name":"x","place":"2210247"}`, 400},
		{"a filter that sets the area", `{"name":"x","bbox":[9,19,26,34],"filter":"bbox=1,2,3,4"}`, 400},
		{"a bad filter value", `{"name":"x","bbox":[9,19,26,34],"filter":"kind=planet"}`, 400},
		{"where the news is, each story once", `{"name":"news","bbox":[9,19,26,34],"filter":"focus=true&distinct=story"}`, 201},
		{"a bad focus", `{"name":"x","bbox":[9,19,26,34],"filter":"focus=maybe"}`, 400},
		{"no name", `{"bbox":[9,19,26,34]}`, 400},
		{"not JSON", `name=x`, 400},
		{"an unknown field", `{"name":"x","bbox":[9,19,26,34],"hook":"http://x"}`, 400},
		{"a webhook", `{"name":"hooked","bbox":[9,19,26,34],"webhook":"https://hooks.test/in?token=abc"}`, 201},
		{"a webhook that is not http", `{"name":"x","bbox":[9,19,26,34],"webhook":"ftp://hooks.test/in"}`, 400},
		{"a webhook that is no URL", `{"name":"x","bbox":[9,19,26,34],"webhook":"hooks"}`, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := do(t, "POST", srv.URL+"/watches", "application/json", tt.body)
			if res.StatusCode != tt.status {
				t.Fatalf("%d %s, want %d", res.StatusCode, body, tt.status)
			}
			if tt.status == 201 && !strings.HasPrefix(res.Header.Get("Location"), "/watches/") {
				t.Errorf("Location %q", res.Header.Get("Location"))
			}
			// The secret is shown once, to the watch's maker, when it has a webhook.
			if hooked := strings.Contains(tt.body, "webhook"); tt.status == 201 && hooked != strings.Contains(string(body), `"secret":"`) {
				t.Errorf("a watch made with a webhook %v answered %s", hooked, body)
			}
		})
	}
	res, body := do(t, "GET", srv.URL+"/watches", "", "")
	if res.StatusCode != 200 || strings.Count(string(body), `"id":`) != 4 || strings.Contains(string(body), "secret") ||
		strings.Contains(string(body), "abc") || !strings.Contains(string(body), "https://hooks.test/in") {
		t.Errorf("GET /watches (four, no secret, the webhook's token hidden): %d %s", res.StatusCode, body)
	}
	for _, path := range []string{"/watches/999", "/watches/999/feed.atom", "/watches/x"} {
		if res, _ := do(t, "GET", srv.URL+path, "", ""); res.StatusCode != 404 && res.StatusCode != 400 {
			t.Errorf("GET %s: %d", path, res.StatusCode)
		}
	}
	small := newServer(t, handlers.Options{MaxBodyBytes: 64})
	big := `{"name":"` + strings.Repeat("x", 100) + `","bbox":[9,19,26,34]}`
	if res, _ := do(t, "POST", small.URL+"/watches", "application/json", big); res.StatusCode != 413 {
		t.Errorf("a body past the limit: %d", res.StatusCode)
	}
	locked := newServer(t, handlers.Options{Token: "s3cret"})
	if res, _ := do(t, "POST", locked.URL+"/watches", "application/json", tests[0].body); res.StatusCode != 401 {
		t.Errorf("a watch without the token: %d", res.StatusCode)
	}
}

// TestWatchFeed reads a watch's feed with gofeed, as a feed reader would:
// a town first mentioned after the watch was made is new, and a town named
// more this week than before is rising; the filter keeps the country out.
func TestWatchFeed(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testWatchFeed(t, newServer(t, handlers.Options{})) })
	t.Run("postgis", func(t *testing.T) {
		store, _ := pgtest.Open(t)
		testWatchFeed(t, newServerOn(t, store, handlers.Options{}))
	})
}

func testWatchFeed(t *testing.T, srv *httptest.Server) {
	now := time.Now().UTC()
	post := func(url, text string, at time.Time) {
		t.Helper()
		body := fmt.Sprintf(`{"url":%q,"published":%q,"text":%q}`, url, at.Format(time.RFC3339), text)
		if res, b := do(t, "POST", srv.URL+"/articles", "application/json", body); res.StatusCode != 201 {
			t.Fatalf("%d %s", res.StatusCode, b)
		}
	}
	post("https://x.test/old", "Clashes in Tripoli, Libya.", now.AddDate(0, 0, -20))
	res, body := do(t, "POST", srv.URL+"/watches", "application/json", `{"name":"Libya","place":"LY","filter":"kind=city"}`)
	if res.StatusCode != 201 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	feedURL := srv.URL + res.Header.Get("Location") + "/feed.atom"
	time.Sleep(1100 * time.Millisecond) // the watch's time is kept to the second
	for i := range 4 {
		post(fmt.Sprintf("https://x.test/new%d", i), fmt.Sprintf("Fighting spread from Tripoli to Sirte in Libya on day %d.", i), time.Now().UTC())
	}
	res, body = do(t, "GET", feedURL, "", "")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("%d %s %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	feed, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		t.Fatalf("gofeed: %v\n%s", err, body)
	}
	if feed.FeedType != "atom" || feed.Title != "mentionmap: Libya" || feed.UpdatedParsed == nil {
		t.Errorf("feed %q of type %s, updated %v", feed.Title, feed.FeedType, feed.UpdatedParsed)
	}
	titles := map[string]bool{}
	for _, it := range feed.Items {
		titles[it.Title] = true
		if it.GUID == "" || it.UpdatedParsed == nil || !strings.HasPrefix(it.Link, srv.URL+"/#") {
			t.Errorf("entry %q: id %q, updated %v, link %q", it.Title, it.GUID, it.UpdatedParsed, it.Link)
		}
	}
	for _, want := range []string{"New in Libya: Sirte", "Rising in Libya: Tripoli", "Rising in Libya: Sirte"} {
		if !titles[want] {
			t.Errorf("no entry %q in %v", want, titles)
		}
	}
	for title := range titles {
		if strings.HasSuffix(title, ": Libya") || title == "New in Libya: Tripoli" {
			t.Errorf("entry %q: the country is filtered out, and Tripoli was named before", title)
		}
	}
}
