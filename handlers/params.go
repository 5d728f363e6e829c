package handlers

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// Paging limits.
const (
	defaultLimit = 1000
	maxLimit     = 10000
)

// parseFilter reads the query parameters shared by the feature endpoints.
func parseFilter(q url.Values) (geo.Filter, error) {
	var f geo.Filter
	var err error
	if f.BBox, err = parseBBox(q.Get("bbox")); err != nil {
		return f, err
	}
	if f.From, err = parseTime("from", q.Get("from"), false); err != nil {
		return f, err
	}
	if f.To, err = parseTime("to", q.Get("to"), true); err != nil {
		return f, err
	}
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		return f, geo.Errorf(geo.EINVALID, "from must be before to")
	}
	if text := strings.TrimSpace(q.Get("q")); text != "" {
		if f.Query, err = geo.ParseQuery(text); err != nil {
			return f, err
		}
	}
	if f.Country, err = parseCountry(q.Get("country")); err != nil {
		return f, err
	}
	if f.Kind, err = parseKind(q.Get("kind")); err != nil {
		return f, err
	}
	f.Source = q.Get("source")
	if v := q.Get("min_confidence"); v != "" {
		if f.MinConfidence, err = strconv.ParseFloat(v, 64); err != nil || !(f.MinConfidence >= 0 && f.MinConfidence <= 1) {
			return f, geo.Errorf(geo.EINVALID, "min_confidence must be a number from 0 to 1")
		}
	}
	if f.NoDemonyms, err = parseSwitch(q, "demonyms", "include", "exclude"); err != nil {
		return f, err
	}
	if f.Focus, err = parseSwitch(q, "focus", "false", "true"); err != nil {
		return f, err
	}
	if f.DistinctStories, err = parseSwitch(q, "distinct", "mention", "story"); err != nil {
		return f, err
	}
	f.Limit, f.Offset, err = parsePage(q, defaultLimit, maxLimit)
	return f, err
}

// parseSwitch reads a parameter of two values: off (the default, also
// when it is absent) or on.
func parseSwitch(q url.Values, name, off, on string) (bool, error) {
	switch q.Get(name) {
	case "", off:
		return false, nil
	case on:
		return true, nil
	}
	return false, geo.Errorf(geo.EINVALID, "%s must be %s or %s", name, off, on)
}

// parseCountry reads an ISO 3166-1 alpha-2 code in either case; "" is
// none.
func parseCountry(c string) (string, error) {
	if c == "" {
		return "", nil
	}
	if len(c) != 2 || strings.ToUpper(c) != c && strings.ToLower(c) != c {
		return "", geo.Errorf(geo.EINVALID, "country must be an ISO 3166-1 alpha-2 code such as LY")
	}
	return strings.ToUpper(c), nil
}

func parseKind(k string) (string, error) {
	if k == "" {
		return "", nil
	}
	for _, v := range geo.Kinds {
		if k == v {
			return k, nil
		}
	}
	return "", geo.Errorf(geo.EINVALID, "kind must be one of %s", strings.Join(geo.Kinds, ", "))
}

// parsePage reads limit (clamped to max) and offset.
func parsePage(q url.Values, def, max int) (limit, offset int, err error) {
	limit = def
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 {
			return 0, 0, geo.Errorf(geo.EINVALID, "limit must be a positive integer")
		}
	}
	if limit > max {
		limit = max
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, geo.Errorf(geo.EINVALID, "offset must be a non-negative integer")
		}
	}
	return limit, offset, nil
}

// parseBBox reads "minLon,minLat,maxLon,maxLat". minLon > maxLon crosses
// the antimeridian (RFC 7946 section 5.2).
func parseBBox(v string) (*orb.Bound, error) {
	if v == "" {
		return nil, nil
	}
	parts := strings.Split(v, ",")
	if len(parts) != 4 {
		return nil, geo.Errorf(geo.EINVALID, "bbox must be minLon,minLat,maxLon,maxLat")
	}
	var n [4]float64
	for i, p := range parts {
		var err error
		if n[i], err = strconv.ParseFloat(strings.TrimSpace(p), 64); err != nil {
			return nil, geo.Errorf(geo.EINVALID, "bbox: %q is not a number", p)
		}
	}
	b := orb.Bound{Min: orb.Point{n[0], n[1]}, Max: orb.Point{n[2], n[3]}}
	if !geo.ValidBound(b) {
		return nil, geo.Errorf(geo.EINVALID, "bbox: longitudes must be within ±180, latitudes within ±90, and minLat <= maxLat")
	}
	return &b, nil
}

// parseTime reads RFC 3339 or a date. A date as an upper bound means the
// end of that day.
func parseTime(name, v string, end bool) (*time.Time, error) {
	if v == "" {
		return nil, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		t = t.Truncate(time.Second) // every store compares times to the second
		return &t, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "%s must be an RFC 3339 time or a date (YYYY-MM-DD)", name)
	}
	if end {
		t = t.AddDate(0, 0, 1)
	}
	return &t, nil
}

// parseID reads a positive integer path id.
func parseID(what, v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 1 {
		return 0, geo.Errorf(geo.ENOTFOUND, "%s %q not found", what, v)
	}
	return id, nil
}
