package geo

import (
	"context"
	"time"

	"github.com/paulmach/orb"
)

// Filter selects mentions. Zero values mean "no constraint".
type Filter struct {
	BBox          *orb.Bound // lon/lat; may cross the antimeridian (Min.X > Max.X)
	From, To      *time.Time // inclusive from, exclusive to
	Query         string     // FTS5 query over article text
	Country       string     // ISO 3166-1 alpha-2
	Kind          string
	Source        string
	MinConfidence float64
	NoDemonyms    bool
	Limit, Offset int
}

// ArticleStore is what the HTTP layer needs from storage. data.Store is the
// SQLite implementation; a PostGIS one will follow.
type ArticleStore interface {
	// Ingest stores an article with its mentions. created is false when an
	// article with the same URL or content already existed; it is returned.
	Ingest(ctx context.Context, a *Article) (created bool, err error)
	Article(ctx context.Context, id int64) (*Article, error)
	Articles(ctx context.Context, limit, offset int) ([]Article, error)
	Place(ctx context.Context, id int64, recent int) (*Place, []MentionRow, error)
	// PlaceSummaries calls fn once per place matching f, most mentioned first.
	PlaceSummaries(ctx context.Context, f Filter, fn func(*PlaceSummary) error) error
	// Mentions calls fn once per mention matching f, newest first.
	Mentions(ctx context.Context, f Filter, fn func(*MentionRow) error) error
	// Version changes whenever the stored data change; it keys ETags.
	Version(ctx context.Context) (int64, error)
	Ping(ctx context.Context) error
}

// Geoparser finds the places a text mentions.
type Geoparser interface {
	Parse(text string) []Mention
}
