package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"mentionmap/geo"
)

// trendMaxDays bounds the recent window of sort=trend.
const trendMaxDays = 90

// trends is GET /features.geojson?sort=trend: the places mentioned in the
// last window days (7 by default) before `to` (default now), ranked by
// their rise over the baseline before it (geo.RankTrends), with the
// filters of /features.geojson; `from` is set by the window.
func (s *Server) trends(w http.ResponseWriter, r *http.Request, f geo.Filter, q url.Values) {
	days, err := trendDays(q)
	if err == nil && q.Get("f") == "csv" {
		err = geo.Errorf(geo.EINVALID, "sort=trend gives GeoJSON only")
	}
	if err == nil && q.Get("group") == "mention" {
		err = geo.Errorf(geo.EINVALID, "sort=trend ranks places: it takes no group=mention")
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	end := time.Now().UTC().Truncate(time.Second)
	if f.To != nil {
		end = *f.To
	}
	recentFrom, baselineFrom := geo.TrendWindow(end, time.Duration(days)*24*time.Hour)
	release, err := s.heavy.admit(r.Context())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	ranked, err := s.rankTrends(r.Context(), f, recentFrom, baselineFrom, end)
	release()
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	ranked = ranked[min(f.Offset, len(ranked)):]
	ranked = ranked[:min(f.Limit, len(ranked))]
	out := s.newStream(w, r, typeGeoJSON)
	fw := geo.NewFeatureWriter(out, map[string]any{"window_days": days, "window_start": recentFrom.Format(time.RFC3339),
		"window_end": end.Format(time.RFC3339)})
	for _, t := range ranked {
		p := t.Place
		fw.Write(p.ID, p.Point, map[string]any{"place_id": p.ID, "name": p.Name, "kind": p.Kind, "country": p.Country,
			"mentions": p.Mentions, "baseline": t.Baseline, "trend": t.Score})
	}
	fw.Close()
	out.Close()
}

// rankTrends counts f's mentions per place in the recent window and in
// the baseline before it, and ranks them.
func (s *Server) rankTrends(ctx context.Context, f geo.Filter, recentFrom, baselineFrom, end time.Time) ([]geo.Trend, error) {
	f.Limit, f.Offset = 0, 0
	recentF, baseF := f, f
	recentF.From, recentF.To = &recentFrom, &end
	baseF.From, baseF.To = &baselineFrom, &recentFrom
	var recent []geo.ClusterPoint
	err := s.opts.Counts.PlacePoints(ctx, recentF, func(p *geo.ClusterPoint) error {
		recent = append(recent, *p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	baseline := map[int64]int{}
	err = s.opts.Counts.PlacePoints(ctx, baseF, func(p *geo.ClusterPoint) error {
		baseline[p.ID] = p.Mentions
		return nil
	})
	return geo.RankTrends(recent, baseline), err
}

// trendDays reads window, the recent window's length in days.
func trendDays(q url.Values) (int, error) {
	v := q.Get("window")
	if v == "" {
		return 7, nil
	}
	days, err := strconv.Atoi(v)
	if err != nil || days < 1 || days > trendMaxDays {
		return 0, geo.Errorf(geo.EINVALID, "window must be a number of days from 1 to %d", trendMaxDays)
	}
	return days, nil
}
