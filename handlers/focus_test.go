package handlers_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"mentionmap/handlers"
)

// A report about Sirte that mentions Tunis in passing, and another
// outlet's reprint of it.
const (
	sirteReport = `Fighting in Sirte, Libya, went on for a third day as government forces pushed into the eastern districts of the city. ` +
		`Residents of Sirte said shelling had cut power and water to most homes, and aid groups asked for a pause to move the wounded. ` +
		`Envoys met in Tunis to discuss a ceasefire.`
	sirteFirst   = `{"url":"https://wire.test/sirte","title":"Fighting in Sirte","source":"wire","published":"2026-03-01T10:00:00Z","text":"` + sirteReport + `"}`
	sirteReprint = `{"url":"https://daily.test/sirte","title":"Sirte fighting","source":"daily","published":"2026-03-02T10:00:00Z","text":"` + sirteReport + ` (Wire)"}`
)

// TestFocusAndDistinct checks that focus=true keeps the places articles
// are about, and distinct=story counts a reprinted story once, in every
// listing that takes a filter.
func TestFocusAndDistinct(t *testing.T) {
	srv := newServer(t, handlers.Options{})
	var first struct{ ID int64 }
	for i, body := range []string{sirteFirst, sirteReprint} {
		res, b := do(t, "POST", srv.URL+"/articles", "application/json", body)
		if res.StatusCode != 201 {
			t.Fatalf("post: %d %s", res.StatusCode, b)
		}
		if i == 0 {
			json.Unmarshal(b, &first)
		}
	}
	places := func(query string) map[string][3]int {
		var fc struct {
			Features []struct {
				Properties struct {
					Name                        string
					Mentions, Articles, Stories int
				}
			}
		}
		res, body := do(t, "GET", srv.URL+"/features.geojson"+query, "", "")
		if err := json.Unmarshal(body, &fc); err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: %d %s", query, res.StatusCode, body)
		}
		out := map[string][3]int{}
		for _, f := range fc.Features {
			p := f.Properties
			out[p.Name] = [3]int{p.Mentions, p.Articles, p.Stories}
		}
		return out
	}
	for _, tt := range []struct {
		query string
		want  map[string][3]int
	}{
		{"", map[string][3]int{"Sirte": {2, 2, 1}, "Libya": {2, 2, 1}, "Tunis": {2, 2, 1}}},
		{"?focus=true", map[string][3]int{"Sirte": {2, 2, 1}, "Libya": {2, 2, 1}}},
		{"?distinct=story", map[string][3]int{"Sirte": {1, 1, 1}, "Libya": {1, 1, 1}, "Tunis": {1, 1, 1}}},
		{"?focus=true&distinct=story&country=LY&kind=city", map[string][3]int{"Sirte": {1, 1, 1}}},
	} {
		if got := places(tt.query); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("features%s: %v, want %v", tt.query, got, tt.want)
		}
	}
	checks := []struct {
		name, path string
		ok         func(body string) bool
	}{
		{"mentions are marked", "/features.geojson?group=mention&focus=true",
			func(b string) bool {
				return strings.Count(b, `"focus":true`) == 4 && !strings.Contains(b, `"focus":false`)
			}},
		{"the article lists its focus", fmt.Sprintf("/articles/%d", first.ID),
			func(b string) bool { return strings.Contains(b, `"focus":[{`) && strings.Contains(b, `"name":"Sirte"`) }},
		{"OGC items", "/collections/places/items?focus=true",
			func(b string) bool { return strings.Contains(b, `"numberMatched":2`) && !strings.Contains(b, "Tunis") }},
		{"OGC mention items", "/collections/mentions/items?distinct=story",
			func(b string) bool { return strings.Contains(b, `"numberMatched":3`) }},
		{"timeline", "/timeline?focus=true&distinct=story",
			func(b string) bool { return strings.Contains(b, `"mentions":2,"articles":1,"stories":1`) }},
	}
	for _, c := range checks {
		res, body := do(t, "GET", srv.URL+c.path, "", "")
		if res.StatusCode != 200 || !c.ok(string(body)) {
			t.Errorf("%s: GET %s = %d %s", c.name, c.path, res.StatusCode, body)
		}
	}
	// One tile holds Sirte, Libya and Tunis: focus=true leaves Tunis out
	// of its points and of their mention counts.
	tile := func(query string) (names []string, mentions int) {
		layer, status := decodeTile(t, srv.URL, 3, 4, 3, query)
		if status != 200 {
			t.Fatalf("tile%s: %d", query, status)
		}
		for _, f := range layer.Features {
			if n, ok := f.Properties["name"].(string); ok {
				names = append(names, n)
			}
			mentions += num(f.Properties["mentions"])
		}
		return names, mentions
	}
	allNames, all := tile("")
	focusNames, focus := tile("?focus=true")
	if all != 6 || focus != 4 || !slices.Contains(allNames, "Tunis") || slices.Contains(focusNames, "Tunis") {
		t.Errorf("tile: %v with %d mentions, focus %v with %d", allNames, all, focusNames, focus)
	}
	if _, story := tile("?distinct=story"); story != 3 {
		t.Errorf("tile distinct=story: %d mentions, want 3", story)
	}
	for _, bad := range []string{"focus=yes", "distinct=article"} {
		res, body := do(t, "GET", srv.URL+"/features.geojson?"+bad, "", "")
		if res.StatusCode != 400 || !strings.Contains(string(body), strings.Split(bad, "=")[0]) {
			t.Errorf("%s: %d %s", bad, res.StatusCode, body)
		}
	}
}

// TestWatchWhereTheNewsIs checks that a watch with focus=true reports the
// places that articles in its area are about, and not those they name in
// passing.
func TestWatchWhereTheNewsIs(t *testing.T) {
	srv := newServer(t, handlers.Options{})
	res, body := do(t, "POST", srv.URL+"/watches", "application/json", `{"name":"North Africa","bbox":[9,19,26,38],"filter":"focus=true"}`)
	if res.StatusCode != 201 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	feedURL := srv.URL + res.Header.Get("Location") + "/feed.atom"
	time.Sleep(1100 * time.Millisecond) // the watch's time is kept to the second
	now := time.Now().UTC().Format(time.RFC3339)
	article := strings.Replace(sirteFirst, "2026-03-01T10:00:00Z", now, 1)
	if res, b := do(t, "POST", srv.URL+"/articles", "application/json", article); res.StatusCode != 201 {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	_, feed := do(t, "GET", feedURL, "", "")
	if !strings.Contains(string(feed), "New in North Africa: Sirte") || strings.Contains(string(feed), "Tunis") {
		t.Errorf("a watch of where the news is: %s", feed)
	}
}
