package geo

import (
	"testing"
	"time"
)

func TestIntervalStart(t *testing.T) {
	at := func(s string) time.Time {
		tt, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tt
	}
	for _, c := range []struct {
		i          Interval
		t          string
		start, end string
	}{
		{Day, "2026-03-01T23:30:00Z", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"},
		{Day, "2026-03-01T23:30:00-05:00", "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"}, // UTC
		{Week, "2026-03-01T23:30:00Z", "2026-02-23T00:00:00Z", "2026-03-02T00:00:00Z"},     // a Sunday
		{Week, "2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z"},     // a Monday
		{Week, "1970-01-01T00:00:00Z", "1969-12-29T00:00:00Z", "1970-01-05T00:00:00Z"},
		{Month, "2024-02-29T12:00:00Z", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"},
		{Month, "2025-12-31T23:59:59Z", "2025-12-01T00:00:00Z", "2026-01-01T00:00:00Z"},
	} {
		start := c.i.Start(at(c.t))
		if got := start.Format(time.RFC3339); got != c.start {
			t.Errorf("%s of %s starts %s, want %s", c.i, c.t, got, c.start)
		}
		if got := c.i.Next(start).Format(time.RFC3339); got != c.end {
			t.Errorf("%s of %s ends %s, want %s", c.i, c.t, got, c.end)
		}
	}
	for _, bad := range []string{"hour", "Day", "weeks"} {
		if _, err := ParseInterval(bad); ErrorCode(err) != EINVALID {
			t.Errorf("ParseInterval(%q): %v", bad, err)
		}
	}
}

// FuzzInterval: any name parses to a known interval or EINVALID, and a
// bin holds its own start and ends after it.
func FuzzInterval(f *testing.F) {
	for _, s := range []string{"", "day", "week", "month", "hour"} {
		f.Add(s, int64(1767225600))
	}
	f.Fuzz(func(t *testing.T, name string, unix int64) {
		i, err := ParseInterval(name)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("%q: %v", name, err)
			}
			return
		}
		at := time.Unix(unix%(1<<35), 0)
		start := i.Start(at)
		if start.After(at) || !i.Next(start).After(at) || i.Start(start) != start {
			t.Fatalf("%s of %v: bin [%v, %v)", i, at, start, i.Next(start))
		}
	})
}
