package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"mentionmap/geo"
)

// OGC items paging.
const (
	ogcDefaultLimit = 100
	ogcMaxLimit     = 10000
)

// parseItemsFilter reads the items parameters: the shared filters, plus
// datetime, with OGC's limit default and maximum.
func parseItemsFilter(q url.Values) (geo.Filter, error) {
	if q.Get("from") != "" || q.Get("to") != "" {
		return geo.Filter{}, geo.Errorf(geo.EINVALID, "use datetime (an instant, a/b, ../b or a/..) on OGC items")
	}
	f, err := parseFilter(q)
	if err != nil {
		return f, err
	}
	if q.Get("limit") == "" {
		f.Limit = ogcDefaultLimit
	}
	if f.Limit > ogcMaxLimit {
		f.Limit = ogcMaxLimit
	}
	f.From, f.To, err = parseDatetime(q.Get("datetime"))
	if err == nil {
		err = checkOneOf("f", q.Get("f"), "json", "geojson", "csv")
	}
	return f, err
}

// parseDatetime reads an OGC datetime: an instant or date, "a/b", "../b",
// "a/.." (open ends may also be empty). A date covers the whole day.
func parseDatetime(v string) (from, to *time.Time, err error) {
	if v == "" {
		return nil, nil, nil
	}
	a, b, interval := strings.Cut(v, "/")
	if !interval {
		from, err = parseTime("datetime", a, false)
		if err != nil {
			return nil, nil, err
		}
		end := from.Add(time.Second)
		if len(a) == len("2006-01-02") {
			end = from.AddDate(0, 0, 1)
		}
		return from, &end, nil
	}
	if a != ".." && a != "" {
		if from, err = parseTime("datetime", a, false); err != nil {
			return nil, nil, err
		}
	}
	if b != ".." && b != "" {
		if to, err = parseTime("datetime", b, true); err != nil {
			return nil, nil, err
		}
	}
	if from != nil && to != nil && !from.Before(*to) {
		return nil, nil, geo.Errorf(geo.EINVALID, "datetime: the start must be before the end")
	}
	return from, to, nil
}

// items is GET /collections/{collection}/items.
func (s *Server) items(w http.ResponseWriter, r *http.Request) {
	id, err := collectionID(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	q := r.URL.Query()
	f, err := parseItemsFilter(q)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	release, err := s.admitFilter(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	defer release()
	byMention := id == "mentions"
	count := s.store.CountPlaces
	if byMention {
		count = s.store.CountMentions
	}
	matched, err := count(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out := s.newOutput(w, r, q.Get("f") == "csv", id, byMention)
	err = s.streamFeatures(r.Context(), byMention, f, out)
	release() // the store is done: a slow client holds no slot
	if err != nil {
		out.fail(err)
		return
	}
	links := []link{
		{pageLink(r, f.Offset, ""), "self", typeGeoJSON, "This page"},
		{pageLink(r, f.Offset, "csv"), "alternate", typeCSV, "This page as CSV"},
		{baseURL(r) + "/collections/" + id, "collection", typeJSON, "The collection"},
	}
	if f.Offset+out.n < matched {
		links = append(links, link{pageLink(r, f.Offset+f.Limit, ""), "next", typeGeoJSON, "Next page"})
	}
	if f.Offset > 0 {
		links = append(links, link{pageLink(r, max(0, f.Offset-f.Limit), ""), "prev", typeGeoJSON, "Previous page"})
	}
	out.close([]geo.Member{
		{Key: "numberMatched", Value: matched},
		{Key: "numberReturned", Value: out.n},
		{Key: "timeStamp", Value: time.Now().UTC().Format(time.RFC3339)},
		{Key: "links", Value: links},
	})
}

// item is GET /collections/{collection}/items/{fid}.
func (s *Server) item(w http.ResponseWriter, r *http.Request) {
	id, err := collectionID(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	fid, err := parseID("feature", mux.Vars(r)["fid"])
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	f := geo.Filter{Limit: 1}
	byMention := id == "mentions"
	if byMention {
		f.MentionID = fid
	} else {
		f.PlaceID = fid
	}
	one := &featureBuffer{}
	if err := s.streamFeatures(r.Context(), byMention, f, one); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if one.props == nil {
		writeError(w, r, s.log, geo.Errorf(geo.ENOTFOUND, "%s feature %d not found", id, fid))
		return
	}
	self := baseURL(r) + r.URL.Path
	w.Header().Set("Content-Type", typeGeoJSON)
	writeJSONTyped(w, map[string]any{
		"type": "Feature", "id": one.id,
		"geometry":   map[string]any{"type": "Point", "coordinates": []float64{one.pt.Lon(), one.pt.Lat()}},
		"properties": one.props,
		"links": []link{{self, "self", typeGeoJSON, ""},
			{baseURL(r) + "/collections/" + id, "collection", typeJSON, ""}},
	})
}
