package handlers_test

import (
	"testing"
)

// TestTimelineRequests checks the bins and totals of timelines, and the
// problems for bad requests.
func TestTimelineRequests(t *testing.T) {
	base := seeded(t)
	for _, c := range []struct {
		path     string
		status   int
		bins     int
		mentions int
	}{
		{"/timeline", 200, 5, -1},                               // 1 to 5 March
		{"/timeline?interval=week", 200, 2, -1},                 // 1 March is a Sunday: its week starts on 23 February
		{"/timeline?from=2026-03-02&to=2026-03-04", 200, 3, -1}, // the days of the range, empty ones too; a date "to" is inclusive
		{"/timeline?country=BD&interval=month", 200, 1, 2},      // Dhaka and Bangladesh, in March
		{"/timeline?source=nobody", 200, 0, 0},                  // nothing matches: no bins
		{"/timeline?interval=hour", 400, 0, 0},                  //
		{"/timeline?from=1900-01-01&to=2026-01-01", 400, 0, 0},  // more than 10,000 days
		{"/timeline?from=1900-01-01&to=2026-01-01&interval=month", 200, 1513, 0},
		{"/places/999/timeline", 404, 0, 0},
		{"/places/x/timeline", 404, 0, 0},
	} {
		var got struct {
			Mentions int
			Bins     []struct {
				Start    string
				Mentions int
			}
		}
		status := getJSON(t, base+c.path, &got)
		if status != c.status {
			t.Errorf("%s: %d, want %d", c.path, status, c.status)
			continue
		}
		if status != 200 {
			continue
		}
		sum := 0
		for _, b := range got.Bins {
			sum += b.Mentions
		}
		if sum != got.Mentions || len(got.Bins) != c.bins || c.mentions >= 0 && got.Mentions != c.mentions {
			t.Errorf("%s: %d bins with %d mentions in all (total %d), want %d bins, %d mentions", c.path, len(got.Bins), sum, got.Mentions, c.bins, c.mentions)
		}
	}
}
