package handlers

import (
	"strconv"
	"strings"

	"mentionmap/geo"
)

// The properties of place and mention features, as GeoJSON, OGC items and
// CSV write them.

// placeProps are the properties of a place feature.
type placeProps struct {
	PlaceID   int64            `json:"place_id"`
	Key       string           `json:"place_key"`
	GeonameID int64            `json:"geonameid,omitempty"`
	Name      string           `json:"name"`
	GeoNames  string           `json:"geonames_name"`
	Kind      string           `json:"kind"`
	Country   string           `json:"country"`
	Admin1    string           `json:"admin1"`
	BBox      *geo.BBox        `json:"bbox,omitempty"`
	Mentions  int              `json:"mentions"`
	Articles  int              `json:"articles"`
	Stories   int              `json:"stories"`
	FirstSeen string           `json:"first_seen"`
	LastSeen  string           `json:"last_seen"`
	Latest    []geo.ArticleRef `json:"latest"`
}

var placeCSV = []string{"place_id", "place_key", "geonameid", "name", "geonames_name", "kind", "country", "admin1",
	"mentions", "articles", "stories", "first_seen", "last_seen", "latest_title", "latest_url", "bbox"}

func (p *placeProps) csv() []string {
	var title, url string
	if len(p.Latest) > 0 {
		title, url = p.Latest[0].Title, p.Latest[0].URL
	}
	return []string{i64(p.PlaceID), p.Key, i64(p.GeonameID), p.Name, p.GeoNames, p.Kind, p.Country, p.Admin1,
		strconv.Itoa(p.Mentions), strconv.Itoa(p.Articles), strconv.Itoa(p.Stories), p.FirstSeen, p.LastSeen, title, url, bboxCSV(p.BBox)}
}

// reasonsCSV writes a mention's reasons, "; " between them.
func reasonsCSV(w *geo.Why) string {
	if w == nil {
		return ""
	}
	return strings.Join(w.Reasons, "; ")
}

// bboxCSV writes an extent as "west,south,east,north", or "" for a town.
func bboxCSV(b *geo.BBox) string {
	if b == nil {
		return ""
	}
	return strings.Join([]string{ftoa(b[0]), ftoa(b[1]), ftoa(b[2]), ftoa(b[3])}, ",")
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// withBBox gives an area's place its extent, which the stores do not keep.
func (s *Server) withBBox(p *geo.Place) {
	if p.BBox == nil && s.opts.BBoxes != nil && p.Kind != geo.KindCity {
		p.BBox = s.opts.BBoxes.PlaceBBox(p.Key)
	}
}

func newPlaceProps(p *geo.PlaceSummary) *placeProps {
	return &placeProps{
		PlaceID: p.Place.ID, Key: p.Place.Key, GeonameID: p.Place.GeonameID, Name: p.Place.Name, GeoNames: p.Place.OwnName(),
		Kind: p.Place.Kind, Country: p.Place.Country, Admin1: p.Place.Admin1, BBox: p.Place.BBox, Mentions: p.Mentions,
		Articles: p.Articles, Stories: p.Stories, FirstSeen: p.FirstSeen, LastSeen: p.LastSeen, Latest: p.Latest,
	}
}

// mentionProps are the properties of a mention feature.
type mentionProps struct {
	Text         string    `json:"text"`
	Start        int       `json:"start"`
	End          int       `json:"end"`
	Sentence     string    `json:"sentence"`
	Confidence   float64   `json:"confidence"`
	Demonym      bool      `json:"demonym"`
	Focus        bool      `json:"focus"`
	PlaceID      int64     `json:"place_id"`
	Name         string    `json:"name"`
	GeoNames     string    `json:"geonames_name"`
	Kind         string    `json:"kind"`
	Country      string    `json:"country"`
	BBox         *geo.BBox `json:"bbox,omitempty"`
	Why          *geo.Why  `json:"why,omitempty"`
	ArticleID    int64     `json:"article_id"`
	ArticleTitle string    `json:"article_title"`
	ArticleURL   string    `json:"article_url"`
	Source       string    `json:"source"`
	Time         string    `json:"time"`
}

var mentionCSV = []string{"text", "start", "end", "sentence", "confidence", "demonym", "focus", "place_id", "name",
	"geonames_name", "kind", "country", "article_id", "article_title", "article_url", "source", "time", "bbox", "reasons"}

func (m *mentionProps) csv() []string {
	return []string{m.Text, strconv.Itoa(m.Start), strconv.Itoa(m.End), m.Sentence,
		strconv.FormatFloat(m.Confidence, 'f', -1, 64), strconv.FormatBool(m.Demonym), strconv.FormatBool(m.Focus), i64(m.PlaceID),
		m.Name, m.GeoNames, m.Kind, m.Country, i64(m.ArticleID), m.ArticleTitle, m.ArticleURL, m.Source, m.Time, bboxCSV(m.BBox), reasonsCSV(m.Why)}
}

func newMentionProps(r *geo.MentionRow) *mentionProps {
	m, a := &r.Mention, &r.Article
	return &mentionProps{
		Text: m.Text, Start: m.Start, End: m.End, Sentence: m.Sentence, Confidence: m.Confidence,
		Demonym: m.Demonym, Focus: m.Focus, PlaceID: m.Place.ID, Name: m.Place.Name, GeoNames: m.Place.OwnName(), Kind: m.Place.Kind,
		Country: m.Place.Country, BBox: m.Place.BBox, Why: m.Why, ArticleID: a.ID, ArticleTitle: a.Title, ArticleURL: a.URL,
		Source: a.Source, Time: a.Time,
	}
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }

// AppendJSON writes the properties as encoding/json would, without
// reflection: /features.geojson writes thousands of these per response.
func (p *placeProps) AppendJSON(b []byte) []byte {
	o := geo.Object(b).Int("place_id", p.PlaceID).Str("place_key", p.Key)
	if p.GeonameID != 0 {
		o.Int("geonameid", p.GeonameID)
	}
	o.Str("name", p.Name).Str("geonames_name", p.GeoNames).Str("kind", p.Kind).Str("country", p.Country).Str("admin1", p.Admin1).
		BBox("bbox", p.BBox).Int("mentions", int64(p.Mentions)).Int("articles", int64(p.Articles)).
		Int("stories", int64(p.Stories)).Str("first_seen", p.FirstSeen).Str("last_seen", p.LastSeen)
	if p.Latest == nil {
		return o.Raw("latest", []byte("null")).Close()
	}
	list := append(o.B, `,"latest":[`...)
	for i := range p.Latest {
		if i > 0 {
			list = append(list, ',')
		}
		list = p.Latest[i].AppendJSON(list)
	}
	return append(list, ']', '}')
}

// AppendJSON writes the properties as encoding/json would.
func (m *mentionProps) AppendJSON(b []byte) []byte {
	o := geo.Object(b).Str("text", m.Text).Int("start", int64(m.Start)).Int("end", int64(m.End)).
		Str("sentence", m.Sentence).Float("confidence", m.Confidence).Bool("demonym", m.Demonym).Bool("focus", m.Focus).
		Int("place_id", m.PlaceID).Str("name", m.Name).Str("geonames_name", m.GeoNames).Str("kind", m.Kind).Str("country", m.Country).
		BBox("bbox", m.BBox)
	if m.Why != nil {
		o.Raw("why", m.Why.AppendJSON(nil))
	}
	return o.Int("article_id", m.ArticleID).Str("article_title", m.ArticleTitle).Str("article_url", m.ArticleURL).
		Str("source", m.Source).Str("time", m.Time).Close()
}
