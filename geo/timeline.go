package geo

import (
	"context"
	"time"
)

// Interval is the width of a timeline's bins, in UTC: a day, a week
// starting on Monday (as ISO 8601), or a calendar month.
type Interval string

const (
	Day   Interval = "day"
	Week  Interval = "week"
	Month Interval = "month"
)

// ParseInterval reads an interval's name; "" is a day.
func ParseInterval(s string) (Interval, error) {
	switch i := Interval(s); i {
	case "":
		return Day, nil
	case Day, Week, Month:
		return i, nil
	}
	return "", Errorf(EINVALID, "interval must be day, week or month")
}

// Start returns the start of the bin that holds t.
func (i Interval) Start(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch i {
	case Week:
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	case Month:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return d
}

// Next returns the start of the bin after the one that starts at t.
func (i Interval) Next(t time.Time) time.Time {
	switch i {
	case Week:
		return t.AddDate(0, 0, 7)
	case Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// TimeBin counts the mentions, and the articles they are in, of one bin
// of a timeline.
type TimeBin struct {
	Start    time.Time
	Mentions int
	Articles int
	Stories  int // distinct stories of the articles (story.go)
}

// Timeliner counts the mentions that a filter selects per interval: the
// input of timelines and the time slider's histogram. Every ArticleStore
// is one; package columns is another, in memory.
type Timeliner interface {
	// Timeline calls fn for each bin that has mentions, oldest first.
	Timeline(ctx context.Context, f Filter, i Interval, fn func(*TimeBin) error) error
}
