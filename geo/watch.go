package geo

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// Watch is an area an analyst follows, with the filters of what to
// follow there: its Atom feed lists the places that appear or rise in it.
type Watch struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	BBox BBox   `json:"bbox"`
	// Filter is the query string of the features filters it adds ("q=militias&kind=city").
	Filter  string    `json:"filter"`
	Created time.Time `json:"created"`
	// Webhook, when set, receives each event as a signed JSON POST
	// (package alerts); Secret is the key of its HMAC-SHA256 signatures,
	// shown once, when the watch is made.
	Webhook string `json:"webhook,omitempty"`
	Secret  string `json:"-"`
}

// WatchStore keeps watches. Both stores implement it.
type WatchStore interface {
	// CreateWatch stores w and sets its ID and Created.
	CreateWatch(ctx context.Context, w *Watch) error
	// Watch returns a stored watch; an ENOTFOUND error when there is none.
	Watch(ctx context.Context, id int64) (*Watch, error)
	// Watches returns every watch, oldest first.
	Watches(ctx context.Context) ([]Watch, error)
}

// Validate checks a watch before it is stored: a name, and an area that
// is a box on the globe with room inside.
func (w *Watch) Validate() error {
	w.Name = strings.TrimSpace(w.Name)
	if w.Name == "" || len(w.Name) > 200 {
		return Errorf(EINVALID, "a watch needs a name of 1 to 200 bytes")
	}
	b := w.BBox
	if !ValidBound(b.Bound()) {
		return Errorf(EINVALID, "bbox must be [west, south, east, north] within ±180° and ±90°")
	}
	if b[1] == b[3] || b[0] == b[2] {
		return Errorf(EINVALID, "bbox is empty: south must be below north, and west differ from east")
	}
	if len(w.Filter) > 2048 {
		return Errorf(EINVALID, "filter is longer than 2 KB")
	}
	if w.Webhook != "" {
		u, err := url.Parse(w.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(w.Webhook) > 2048 {
			return Errorf(EINVALID, "webhook must be an absolute http or https URL of at most 2 KB")
		}
	}
	return nil
}
