package handlers

import (
	"context"
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"time"

	"mentionmap/geo"
)

// newPlaces lists the places f selects that were first mentioned since
// since, newest first, feedEntries at most: one read of the places seen
// before, one of the places seen since, with the first time of each.
func (s *Server) newPlaces(ctx context.Context, f geo.Filter, since time.Time) ([]geo.WatchEvent, error) {
	before, after := f, f
	before.To = &since
	after.From = &since
	seen := map[int64]bool{}
	err := s.opts.Counts.PlacePoints(ctx, before, func(p *geo.ClusterPoint) error {
		seen[p.ID] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []geo.WatchEvent
	err = s.store.PlaceSummaries(ctx, after, func(ps *geo.PlaceSummary) error {
		if seen[ps.Place.ID] {
			return nil
		}
		first, err := time.Parse(time.RFC3339, ps.FirstSeen)
		if err != nil {
			return geo.Wrap(geo.EINTERNAL, err, "first mention of place %d", ps.Place.ID)
		}
		p := geo.ClusterPoint{ID: ps.Place.ID, Point: ps.Place.Point, Name: ps.Place.Name, Kind: ps.Place.Kind,
			Country: ps.Place.Country, Mentions: ps.Mentions}
		out = append(out, geo.WatchEvent{Kind: "new", Place: p, When: first, ID: "new:" + strconv.FormatInt(p.ID, 10),
			Text: "first mentioned here on " + first.Format("2 January 2006") + "; " + plural(p.Mentions, "mention") + " since"})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b geo.WatchEvent) int { return b.When.Compare(a.When) })
	return out[:min(len(out), feedEntries)], nil
}

// The Atom feed (RFC 4287) of a watch.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title    string     `xml:"title"`
	ID       string     `xml:"id"`
	Updated  string     `xml:"updated"`
	Links    []atomLink `xml:"link"`
	Summary  string     `xml:"summary"`
	Category struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
}

// watchFeed is GET /watches/{id}/feed.atom.
func (s *Server) watchFeed(w http.ResponseWriter, r *http.Request) {
	watch, err := s.watchOf(r)
	var events []geo.WatchEvent
	now := time.Now().UTC().Truncate(time.Second)
	if err == nil {
		events, err = s.WatchEvents(r.Context(), watch, now)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	base := baseURL(r)
	self := base + "/watches/" + itoa(watch.ID)
	feed := atomFeed{Title: "mentionmap: " + watch.Name, ID: "urn:mentionmap:watch:" + itoa(watch.ID),
		Updated: watch.Created.Format(time.RFC3339), Author: atomAuthor{Name: "mentionmap"},
		Links: []atomLink{{Href: self + "/feed.atom", Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/" + viewHash(watch), Rel: "alternate", Type: "text/html"}}}
	for _, e := range events {
		if u := e.When.Format(time.RFC3339); u > feed.Updated {
			feed.Updated = u
		}
		entry := atomEntry{ID: feed.ID + ":" + e.ID, Updated: e.When.Format(time.RFC3339), Summary: e.Place.Name + ": " + e.Text,
			Links: []atomLink{{Href: base + mapLink(e.Place), Rel: "alternate", Type: "text/html"},
				{Href: base + "/places/" + itoa(e.Place.ID), Rel: "related", Type: "application/json"}}}
		entry.Category.Term = e.Kind
		entry.Title = e.Title(watch)
		feed.Entries = append(feed.Entries, entry)
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(feed); err != nil {
		s.log.Warn("watch feed", "err", err)
	}
}

// mapLink is the path of the map page's view of a place.
func mapLink(p geo.ClusterPoint) string {
	return "/#8/" + coord(p.Point.Lat()) + "/" + coord(p.Point.Lon())
}

// viewHash is the map page's view of a watch's area.
func viewHash(w *geo.Watch) string {
	lon := (w.BBox[0] + w.BBox[2]) / 2
	if w.BBox[0] > w.BBox[2] {
		lon += 180
	}
	return "#5/" + coord((w.BBox[1]+w.BBox[3])/2) + "/" + coord(lon)
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', 4, 64) }

// plural writes "1 mention", "3 mentions".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
