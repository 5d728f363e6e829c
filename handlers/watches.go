package handlers

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gorilla/mux"

	"mentionmap/feeds"
	"mentionmap/geo"
)

// A watch is an area an analyst follows (geo.Watch). Its Atom feed is
// computed from the mentions when it is read: the places first mentioned
// in the area since the watch was made, and the places rising there this
// week (sort=trend's score, at least risingScore with risingMentions
// mentions).

const (
	risingScore    = 1.0 // the week's mentions at least twice the weekly baseline, plus one
	risingMentions = 3
	feedEntries    = 50
)

// watchFilters are the features filters a watch may add to its area.
var watchFilters = map[string]bool{"q": true, "country": true, "kind": true, "source": true,
	"min_confidence": true, "demonyms": true, "focus": true, "distinct": true}

// watchRequest is the body of POST /watches: an area as a bbox, or as the
// extent of a country or division by its place key.
type watchRequest struct {
	Name   string    `json:"name"`
	BBox   *geo.BBox `json:"bbox"`
	Place  string    `json:"place"`
	Filter string    `json:"filter"`
	// Webhook receives each event as a signed JSON POST (package alerts).
	Webhook string `json:"webhook"`
}

// createWatch is POST /watches.
func (s *Server) createWatch(w http.ResponseWriter, r *http.Request) {
	ws, err := s.watchStore()
	var body []byte
	if err == nil {
		body, err = s.readBody(w, r)
	}
	var req watchRequest
	if err == nil {
		err = decodeWatch(body, &req)
	}
	var watch *geo.Watch
	if err == nil {
		watch, err = s.newWatch(req)
	}
	if err == nil {
		err = ws.CreateWatch(r.Context(), watch)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	w.Header().Set("Location", "/watches/"+itoa(watch.ID))
	if watch.Secret == "" {
		writeJSON(w, http.StatusCreated, watch)
		return
	}
	// The secret is shown this once: the webhook's owner checks signatures with it.
	writeJSON(w, http.StatusCreated, struct {
		*geo.Watch
		Secret string `json:"secret"`
	}{watch, watch.Secret})
}

// newWatch checks a request and makes its watch.
func (s *Server) newWatch(req watchRequest) (*geo.Watch, error) {
	w := &geo.Watch{Name: req.Name, Filter: req.Filter, Webhook: req.Webhook}
	if w.Webhook != "" {
		w.Secret = rand.Text()
	}
	switch {
	case req.BBox != nil && req.Place != "":
		return nil, geo.Errorf(geo.EINVALID, "give a watch a bbox or a place, not both")
	case req.BBox != nil:
		w.BBox = *req.BBox
	case req.Place != "":
		var b *geo.BBox
		if s.opts.BBoxes != nil {
			b = s.opts.BBoxes.PlaceBBox(req.Place)
		}
		if b == nil {
			return nil, geo.Errorf(geo.EINVALID, "place %q is no country or division with an extent", req.Place)
		}
		w.BBox = *b
	default:
		return nil, geo.Errorf(geo.EINVALID, "a watch needs an area: a bbox [west, south, east, north] or a place key")
	}
	if _, err := watchFilter(w); err != nil {
		return nil, err
	}
	return w, w.Validate()
}

// watchFilter is the features filter of a watch: its area and its filters.
func watchFilter(w *geo.Watch) (geo.Filter, error) {
	q, err := url.ParseQuery(w.Filter)
	if err != nil {
		return geo.Filter{}, geo.Errorf(geo.EINVALID, "filter is not a query string: %v", err)
	}
	for k := range q {
		if !watchFilters[k] {
			return geo.Filter{}, geo.Errorf(geo.EINVALID, "a watch's filter may hold q, country, kind, source, min_confidence, demonyms, focus and distinct, not %q", k)
		}
	}
	f, err := parseFilter(q)
	if err != nil {
		return f, err
	}
	b := w.BBox.Bound()
	f.BBox = &b
	f.Limit, f.Offset = 0, 0
	return f, nil
}

// listWatches is GET /watches.
func (s *Server) listWatches(w http.ResponseWriter, r *http.Request) {
	ws, err := s.watchStore()
	var all []geo.Watch
	if err == nil {
		all, err = ws.Watches(r.Context())
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	for i := range all {
		redactWatch(&all[i])
	}
	writeJSON(w, http.StatusOK, map[string]any{"watches": all})
}

// getWatch is GET /watches/{id}.
func (s *Server) getWatch(w http.ResponseWriter, r *http.Request) {
	watch, err := s.watchOf(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	redactWatch(watch)
	writeJSON(w, http.StatusOK, watch)
}

// redactWatch hides what a webhook's URL may carry of credentials: the
// watches are listed to anyone.
func redactWatch(w *geo.Watch) {
	if w.Webhook != "" {
		w.Webhook = feeds.Redact(w.Webhook)
	}
}

// watchDeliveries is GET /watches/{id}/deliveries: the webhook's delivery
// log, newest first, for the holders of the token, as its errors tell of
// the receiver.
func (s *Server) watchDeliveries(w http.ResponseWriter, r *http.Request) {
	watch, err := s.watchOf(r)
	ds, ok := s.store.(geo.DeliveryStore)
	if err == nil && !ok {
		err = geo.Errorf(geo.ENOTFOUND, "this store keeps no deliveries")
	}
	var limit, offset int
	if err == nil {
		limit, offset, err = parsePage(r.URL.Query(), 100, 1000)
	}
	var log []geo.Delivery
	if err == nil {
		log, err = ds.Deliveries(r.Context(), watch.ID, limit, offset)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"watch": watch.ID, "deliveries": log})
}

// watchOf reads the watch the request's path names.
func (s *Server) watchOf(r *http.Request) (*geo.Watch, error) {
	ws, err := s.watchStore()
	if err != nil {
		return nil, err
	}
	id, err := parseID("watch", mux.Vars(r)["id"])
	if err != nil {
		return nil, err
	}
	return ws.Watch(r.Context(), id)
}

func (s *Server) watchStore() (geo.WatchStore, error) {
	ws, ok := s.store.(geo.WatchStore)
	if !ok {
		return nil, geo.Errorf(geo.ENOTFOUND, "this store keeps no watches")
	}
	return ws, nil
}

// decodeWatch reads the JSON of a watch request, refusing unknown fields.
func decodeWatch(body []byte, req *watchRequest) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(req); err != nil {
		return geo.Errorf(geo.EINVALID, "the body is not the JSON of a watch: %v", err)
	}
	return nil
}

// WatchEvents lists what happened in a watch's area: places first
// mentioned there since it was made, newest first, then places rising
// this week, most first. The Atom feed shows them, and package alerts
// posts them to webhooks.
func (s *Server) WatchEvents(ctx context.Context, watch *geo.Watch, now time.Time) ([]geo.WatchEvent, error) {
	f, err := watchFilter(watch)
	if err != nil {
		return nil, err
	}
	release, err := s.admitFilter(ctx, f) // three reads of the area: as heavy as a new map filter
	if err != nil {
		return nil, err
	}
	defer release()
	news, err := s.newPlaces(ctx, f, watch.Created)
	if err != nil {
		return nil, err
	}
	end := now.Add(time.Second) // the window takes in this second's mentions
	recentFrom, baselineFrom := geo.TrendWindow(end, 7*24*time.Hour)
	ranked, err := s.rankTrends(ctx, f, recentFrom, baselineFrom, end)
	if err != nil {
		return nil, err
	}
	year, week := now.ISOWeek()
	for _, t := range ranked {
		if t.Score < risingScore || t.Place.Mentions < risingMentions || len(news) >= feedEntries {
			break
		}
		news = append(news, geo.WatchEvent{Kind: "rise", Place: t.Place, When: now,
			ID:   fmt.Sprintf("rise:%d:%d-W%02d", t.Place.ID, year, week),
			Text: fmt.Sprintf("%s in the week to %s, against %.1f a week before", plural(t.Place.Mentions, "mention"), now.Format("2 January"), t.Baseline)})
	}
	return news, nil
}
