package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"mentionmap/data/postgis/pgtest"
	"mentionmap/handlers"
)

// TestTrends ranks places by their rise in the week before `to` over the
// four weeks before it, and refuses what it cannot answer, on both stores.
func TestTrends(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testTrends(t, newServer(t, handlers.Options{}).URL) })
	t.Run("postgis", func(t *testing.T) {
		store, _ := pgtest.Open(t)
		testTrends(t, newServerOn(t, store, handlers.Options{}).URL)
	})
}

func testTrends(t *testing.T, base string) {
	var lines []string
	post := func(text, day string, n int) {
		for range n {
			lines = append(lines, fmt.Sprintf(`{"url":"https://t.test/%d","published":"%sT10:00:00Z","text":%q}`, len(lines), day, fmt.Sprintf("%s (%d)", text, len(lines))))
		}
	}
	post("Clashes were reported in Sirte on Monday.", "2026-03-01", 1) // baseline
	post("Clashes were reported in Sirte on Monday.", "2026-03-25", 3) // recent
	post("Rain fell on Tripoli again.", "2026-03-10", 4)
	post("Rain fell on Tripoli again.", "2026-03-23", 1)
	post("Floods hit Dhaka.", "2026-03-28", 1)
	post("Floods hit Dhaka.", "2026-01-10", 5) // before the baseline: not counted
	if res, b := do(t, "POST", base+"/articles", "application/x-ndjson", strings.Join(lines, "\n")); res.StatusCode != 201 {
		t.Fatalf("seed: %d %s", res.StatusCode, b)
	}
	var fc struct {
		WindowStart string `json:"window_start"`
		Features    []struct {
			Properties struct {
				Name     string
				Mentions int
				Baseline float64
				Trend    float64
			}
		}
	}
	if st := getJSON(t, base+"/features.geojson?sort=trend&to=2026-03-28", &fc); st != 200 {
		t.Fatalf("sort=trend: %d", st)
	}
	var got []string
	for _, f := range fc.Features {
		p := f.Properties
		got = append(got, fmt.Sprintf("%s %d %.2f %.2f", p.Name, p.Mentions, p.Baseline, p.Trend))
	}
	// to=2026-03-28 is the end of that day: the window is 22-28 March.
	want := []string{"Sirte 3 0.25 2.20", "Dhaka 1 0.00 1.00", "Tripoli 1 1.00 0.00"}
	if fmt.Sprint(got) != fmt.Sprint(want) || fc.WindowStart != "2026-03-22T00:00:00Z" {
		t.Errorf("trends from %s: %v, want %v", fc.WindowStart, got, want)
	}
	for _, c := range []struct {
		query  string
		status int
	}{
		{"sort=trend&window=0", 400},
		{"sort=trend&window=91", 400},
		{"sort=trend&f=csv", 400},
		{"sort=trend&group=mention", 400},
		{"sort=rising", 400},
		{"sort=trend&window=3&to=2026-03-28&country=BD", 200},
	} {
		if res, b := do(t, "GET", base+"/features.geojson?"+c.query, "", ""); res.StatusCode != c.status {
			t.Errorf("%s: %d, want %d: %s", c.query, res.StatusCode, c.status, b)
		}
	}
}
