package handlers

import (
	"net/http"

	"mentionmap/geo"
)

// placeProps are the properties of a place feature.
type placeProps struct {
	PlaceID   int64            `json:"place_id"`
	Key       string           `json:"place_key"`
	GeonameID int64            `json:"geonameid,omitempty"`
	Name      string           `json:"name"`
	Kind      string           `json:"kind"`
	Country   string           `json:"country"`
	Admin1    string           `json:"admin1"`
	Mentions  int              `json:"mentions"`
	Articles  int              `json:"articles"`
	FirstSeen string           `json:"first_seen"`
	LastSeen  string           `json:"last_seen"`
	Latest    []geo.ArticleRef `json:"latest"`
}

// mentionProps are the properties of a mention feature.
type mentionProps struct {
	Text         string  `json:"text"`
	Start        int     `json:"start"`
	End          int     `json:"end"`
	Sentence     string  `json:"sentence"`
	Confidence   float64 `json:"confidence"`
	Demonym      bool    `json:"demonym"`
	PlaceID      int64   `json:"place_id"`
	Name         string  `json:"name"`
	Kind         string  `json:"kind"`
	Country      string  `json:"country"`
	ArticleID    int64   `json:"article_id"`
	ArticleTitle string  `json:"article_title"`
	ArticleURL   string  `json:"article_url"`
	Source       string  `json:"source"`
	Time         string  `json:"time"`
}

func newMentionProps(r *geo.MentionRow) mentionProps {
	m, a := &r.Mention, &r.Article
	return mentionProps{
		Text: m.Text, Start: m.Start, End: m.End, Sentence: m.Sentence, Confidence: m.Confidence,
		Demonym: m.Demonym, PlaceID: m.Place.ID, Name: m.Place.Name, Kind: m.Place.Kind,
		Country: m.Place.Country, ArticleID: a.ID, ArticleTitle: a.Title, ArticleURL: a.URL,
		Source: a.Source, Time: a.Time,
	}
}

// features is GET /features.geojson: one feature per place (default) or
// per mention (group=mention), streamed as they are read.
func (s *Server) features(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	group := q.Get("group")
	if group != "" && group != "place" && group != "mention" {
		writeError(w, r, s.log, geo.Errorf(geo.EINVALID, "group must be place or mention"))
		return
	}
	if done, err := s.notModified(w, r); done || err != nil {
		if err != nil {
			writeError(w, r, s.log, err)
		}
		return
	}
	out := newStream(w, r, "application/geo+json")
	fw := geo.NewFeatureWriter(out, nil)
	if group == "mention" {
		err = s.store.Mentions(r.Context(), f, func(m *geo.MentionRow) error {
			return fw.Write(m.Mention.ID, m.Mention.Place.Point, newMentionProps(m))
		})
	} else {
		err = s.store.PlaceSummaries(r.Context(), f, func(p *geo.PlaceSummary) error {
			return fw.Write(p.Place.ID, p.Place.Point, placeProps{
				PlaceID: p.Place.ID, Key: p.Place.Key, GeonameID: p.Place.GeonameID, Name: p.Place.Name,
				Kind: p.Place.Kind, Country: p.Place.Country, Admin1: p.Place.Admin1, Mentions: p.Mentions,
				Articles: p.Articles, FirstSeen: p.FirstSeen, LastSeen: p.LastSeen, Latest: p.Latest,
			})
		})
	}
	if err == nil {
		err = fw.Close()
	}
	if err != nil {
		out.fail(s, err)
		return
	}
	out.Close()
}
