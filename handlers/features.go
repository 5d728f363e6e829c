package handlers

import (
	"context"
	"net/http"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// sink receives features as the store reads them.
type sink interface {
	feature(id int64, p orb.Point, props csvProps) error
}

type csvProps interface{ csv() []string }

// streamFeatures sends the places or mentions matching f to out.
func (s *Server) streamFeatures(ctx context.Context, byMention bool, f geo.Filter, out sink) error {
	if byMention {
		return s.store.Mentions(ctx, f, func(m *geo.MentionRow) error {
			s.withBBox(&m.Mention.Place)
			return out.feature(m.Mention.ID, m.Mention.Place.Point, newMentionProps(m))
		})
	}
	return s.store.PlaceSummaries(ctx, f, func(p *geo.PlaceSummary) error {
		s.withBBox(&p.Place)
		return out.feature(p.Place.ID, p.Place.Point, newPlaceProps(p))
	})
}

// features is GET /features.geojson: one feature per place (default) or
// per mention (group=mention), streamed as they are read; f=csv gives CSV.
func (s *Server) features(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err == nil {
		err = checkOneOf("group", q.Get("group"), "place", "mention")
	}
	if err == nil {
		err = checkOneOf("f", q.Get("f"), "json", "geojson", "csv")
	}
	if err == nil {
		err = checkOneOf("sort", q.Get("sort"), "mentions", "trend")
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if q.Get("sort") == "trend" {
		s.trends(w, r, f, q) // no ETag: the window moves with the clock
		return
	}
	if s.answered(w, r) {
		return
	}
	release, err := s.admitFilter(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	defer release()
	byMention := q.Get("group") == "mention"
	name := map[bool]string{false: "places", true: "mentions"}[byMention]
	out := s.newOutput(w, r, q.Get("f") == "csv", name, byMention)
	err = s.streamFeatures(r.Context(), byMention, f, out)
	release() // the store is done: a slow client holds no slot
	if err != nil {
		out.fail(err)
		return
	}
	out.close(nil)
}

// checkOneOf accepts "" or one of the allowed values.
func checkOneOf(name, v string, allowed ...string) error {
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return geo.Errorf(geo.EINVALID, "%s must be one of %v", name, allowed)
}
