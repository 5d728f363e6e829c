package handlers

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"mentionmap/geo"
)

// maxBins is the most intervals a timeline may span: 27 years of days.
const maxBins = 10_000

// timelineBin is one interval of a timeline, as served.
type timelineBin struct {
	Start    string `json:"start"` // the interval's first day, YYYY-MM-DD
	Mentions int    `json:"mentions"`
	Articles int    `json:"articles"`
	Stories  int    `json:"stories"` // a story with articles in several intervals counts in each
}

// timeline is GET /timeline and GET /places/{id}/timeline: the mentions
// matching the filters of /features.geojson, and the articles they are
// in, per interval (day, week or month, in UTC). Every interval from the
// first to the last (or from `from` to `to`) is listed, empty ones too.
func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	f, interval, err := s.timelineRequest(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if s.answered(w, r) {
		return
	}
	release, err := s.heavy.admit(r.Context())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var bins []geo.TimeBin
	err = s.opts.Counts.Timeline(r.Context(), f, interval, func(b *geo.TimeBin) error {
		bins = append(bins, *b)
		return nil
	})
	release()
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	out, err := fillBins(bins, interval, f.From, f.To)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	mentions, articles := 0, 0
	for _, b := range out {
		mentions, articles = mentions+b.Mentions, articles+b.Articles // an article has one time: one bin
	}
	writeJSON(w, http.StatusOK, map[string]any{"interval": interval, "mentions": mentions, "articles": articles, "bins": out})
}

// timelineRequest reads a timeline's filters, interval and place.
func (s *Server) timelineRequest(r *http.Request) (geo.Filter, geo.Interval, error) {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		return f, "", err
	}
	f.Limit, f.Offset = 0, 0
	interval, err := geo.ParseInterval(q.Get("interval"))
	if err != nil {
		return f, "", err
	}
	if err := checkSpan(f, interval); err != nil {
		return f, "", err
	}
	if v, ok := mux.Vars(r)["id"]; ok {
		if f.PlaceID, err = parseID("place", v); err != nil {
			return f, "", err
		}
		if _, _, err := s.store.Place(r.Context(), f.PlaceID, 0); err != nil {
			return f, "", err
		}
	}
	return f, interval, nil
}

// checkSpan refuses a from-to range of more than maxBins intervals.
func checkSpan(f geo.Filter, i geo.Interval) error {
	if f.From == nil || f.To == nil {
		return nil
	}
	perBin := map[geo.Interval]time.Duration{geo.Day: 24 * time.Hour, geo.Week: 7 * 24 * time.Hour, geo.Month: 28 * 24 * time.Hour}[i]
	if f.To.Sub(*f.From)/perBin > maxBins {
		return geo.Errorf(geo.EINVALID, "from and to span more than %d intervals of a %s; use a wider interval", maxBins, i)
	}
	return nil
}

// fillBins lists every interval from the first bin (or from) to the last
// (or to), with the counts of bins where they have some.
func fillBins(bins []geo.TimeBin, i geo.Interval, from, to *time.Time) ([]timelineBin, error) {
	out := []timelineBin{}
	if len(bins) == 0 && (from == nil || to == nil) {
		return out, nil
	}
	var start, end time.Time // end is exclusive
	if from != nil {
		start = i.Start(*from)
	} else {
		start = bins[0].Start
	}
	if to != nil {
		end = *to
	} else {
		end = i.Next(bins[len(bins)-1].Start)
	}
	byStart := make(map[int64]geo.TimeBin, len(bins))
	for _, b := range bins {
		byStart[b.Start.Unix()] = b
	}
	for t := start; t.Before(end); t = i.Next(t) {
		if len(out) == maxBins {
			return nil, geo.Errorf(geo.EINVALID, "the timeline spans more than %d intervals of a %s; give from and to, or a wider interval", maxBins, i)
		}
		b := byStart[t.Unix()]
		out = append(out, timelineBin{Start: t.Format(time.DateOnly), Mentions: b.Mentions, Articles: b.Articles, Stories: b.Stories})
	}
	return out, nil
}
