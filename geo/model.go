package geo

import (
	"time"

	"github.com/paulmach/orb"
)

// Place kinds.
const (
	KindCountry = "country"
	KindAdmin1  = "admin1"
	KindAdmin2  = "admin2"
	KindCity    = "city"
	KindRegion  = "region"
	KindWater   = "water"
	KindAirport = "airport"
)

// Kinds lists every place kind, for validating filters.
var Kinds = []string{KindCountry, KindAdmin1, KindAdmin2, KindCity, KindRegion, KindWater, KindAirport}

// Place is a resolved location from the gazetteer.
//
// Key identifies it across gazetteer builds: the GeoNames id for cities,
// the ISO 3166-1 alpha-2 code for countries, "CC.A1" for first-level
// divisions, "CC.A1.A2" for second-level ones and a slug for regions.
type Place struct {
	ID        int64  `json:"id,omitempty"` // store id; 0 until stored
	Key       string `json:"key"`
	GeonameID int64  `json:"geonameid,omitempty"`
	// Name is the name readers know: the form the stored articles use most
	// (names.go), else the gazetteer's.
	Name string `json:"name"`
	// GazetteerName is the gazetteer's own name (GeoNames'), kept by the
	// stores; empty where Name is it, as in a parse.
	GazetteerName string    `json:"geonames_name,omitempty"`
	Kind          string    `json:"kind"`
	Country       string    `json:"country,omitempty"`
	Admin1        string    `json:"admin1,omitempty"`
	Population    int64     `json:"population,omitempty"`
	Point         orb.Point `json:"-"`
	// BBox frames an area (a country or division); nil for a town.
	BBox *BBox `json:"bbox,omitempty"`
}

// BBox is an area's extent, [west, south, east, north] in degrees, in the
// order of RFC 7946 §5. West > east when it crosses the antimeridian.
type BBox [4]float64

// PlaceFinder finds gazetteer places by the start of a name, for a picker:
// FindPlaces("tripo", "LY", "", 10). The gazetteer implements it.
type PlaceFinder interface {
	FindPlaces(q, country, kind string, limit int) []Place
	// PlaceByKey returns the place with a key, as a correction names it.
	PlaceByKey(key string) (Place, bool)
}

// BBoxes gives the extent of a place by its gazetteer key. The gazetteer
// implements it, so that handlers serve the extents of stored places
// without the stores keeping them.
type BBoxes interface {
	PlaceBBox(key string) *BBox
}

// Mention is one place name found in a text. Start and End are byte offsets
// into the UTF-8 text, End exclusive.
type Mention struct {
	ID         int64   `json:"id,omitempty"`
	ArticleID  int64   `json:"article_id,omitempty"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
	Sentence   string  `json:"sentence,omitempty"`
	Confidence float64 `json:"confidence"`
	Demonym    bool    `json:"demonym"`
	Place      Place   `json:"place"`
	// Focus is whether the place is one the article is mainly about
	// (focus.go).
	Focus bool `json:"focus"`
	// Why is how the geoparser chose the place; nil for mentions stored
	// before it kept its reasons.
	Why *Why `json:"why,omitempty"`
}

// Why is how the geoparser chose a mention's place: its best meanings, the
// chosen first, and the evidence for it in words ("country LY named 4
// times", "qualifier 'Ky.'", "12 km from Benghazi").
type Why struct {
	Candidates []Candidate `json:"candidates"`
	Reasons    []string    `json:"reasons"`

	stored storedWhy // its stored form, made on the parsing cores
}

// Candidate is one meaning of a mention's name, with its share of the
// geoparser's score (0 to 1).
type Candidate struct {
	Key     string  `json:"key"`
	Name    string  `json:"name"`
	Kind    string  `json:"kind"`
	Country string  `json:"country,omitempty"`
	Admin1  string  `json:"admin1,omitempty"`
	Score   float64 `json:"score"`
}

// Article is a news text and its metadata.
type Article struct {
	ID        int64      `json:"id"`
	URL       string     `json:"url,omitempty"`
	Title     string     `json:"title,omitempty"`
	Source    string     `json:"source,omitempty"`
	Published *time.Time `json:"published,omitempty"`
	Ingested  time.Time  `json:"ingested"`
	Text      string     `json:"text,omitempty"`
	Hash      string     `json:"hash"`
	// MentionCount is the count of stored mentions; Mentions may hold a
	// page of them, or none.
	MentionCount int `json:"mention_count,omitempty"`
	// MentionsOmitted counts the mentions past MaxMentions, not stored.
	MentionsOmitted int `json:"mentions_omitted,omitempty"`
	// Story is the id of the first article of its story: itself, unless a
	// stored article has nearly the same text (story.go).
	Story int64 `json:"story,omitempty"`
	// Focus lists the places the article is mainly about: those of its
	// mentions marked Focus.
	Focus    []Place   `json:"focus,omitempty"`
	Mentions []Mention `json:"mentions,omitempty"`

	signed signed // Signature's
	hashed hashed // TextHash's
}

// Reprint reports whether a repeats an earlier article's story. Stored
// articles have a Story: their own id unless they do.
func (a *Article) Reprint() bool { return a.Story != 0 && a.Story != a.ID }

// Time is when the article happened for filtering: its publication time,
// or its ingest time when it has none.
func (a *Article) Time() time.Time {
	if a.Published != nil {
		return *a.Published
	}
	return a.Ingested
}

// ArticleRef is the short form of an article carried by map features.
type ArticleRef struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
	Time   string `json:"time"`
	Story  int64  `json:"story,omitempty"` // set on a mention's article
}

// PlaceSummary is a place with the counts of the mentions that matched a
// filter: one feature of /features.geojson.
type PlaceSummary struct {
	Place     Place        `json:"place"`
	Mentions  int          `json:"mentions"`
	Articles  int          `json:"articles"`
	Stories   int          `json:"stories"` // articles that are not reprints
	FirstSeen string       `json:"first_seen"`
	LastSeen  string       `json:"last_seen"`
	Latest    []ArticleRef `json:"latest"`
}

// MentionRow is one mention with its place and article: one feature of
// /features.geojson?group=mention.
type MentionRow struct {
	Mention Mention    `json:"mention"`
	Article ArticleRef `json:"article"`
}

// FeedStatus is the state of one polled feed, for GET /feeds.
type FeedStatus struct {
	URL string `json:"url"` // without credentials

	Title    string    `json:"title,omitempty"`
	LastPoll time.Time `json:"last_poll,omitzero"`
	NextPoll time.Time `json:"next_poll,omitzero"`
	Status   string    `json:"status"` // "pending", "ok", "not modified", or "error: ..."
	Items    int       `json:"items"`  // items in the last fetched document
	LastNew  int       `json:"last_new"`
	TotalNew int       `json:"total_new"`
	Polls    int       `json:"polls"`
	Errors   int       `json:"errors"`
	Failures int       `json:"consecutive_failures"`
	// Refused counts the links items led to that were not fetched, for
	// their address (see feeds.ErrPrivateAddress); LastRefused names the
	// last poll's.
	Refused     int      `json:"refused"`
	LastRefused []string `json:"last_refused,omitempty"`
	// Capped is set when the last poll left items for the next one.
	Capped bool `json:"capped,omitempty"`
}

// Bound is b as an orb.Bound, Min the south-west corner (Min.X > Max.X
// across the antimeridian, as Filter.BBox takes it).
func (b BBox) Bound() orb.Bound {
	return orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
}

// Contains reports whether p lies in b, across the antimeridian too.
func (b *BBox) Contains(p orb.Point) bool {
	lon, lat := p.Lon(), p.Lat()
	if lat < b[1] || lat > b[3] {
		return false
	}
	if b[0] <= b[2] {
		return lon >= b[0] && lon <= b[2]
	}
	return lon >= b[0] || lon <= b[2]
}
