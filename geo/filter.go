package geo

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"time"

	"github.com/paulmach/orb"
)

// Filter selects mentions. Zero values mean "no constraint".
type Filter struct {
	BBox          *orb.Bound // lon/lat; may cross the antimeridian (Min.X > Max.X)
	From, To      *time.Time // inclusive from, exclusive to
	Query         TextQuery  // words in the article's title or text; zero for none
	Country       string     // ISO 3166-1 alpha-2
	Kind          string
	Source        string
	MinConfidence float64
	NoDemonyms    bool
	Focus         bool // only the mentions of the places their article is about
	// DistinctStories keeps each story's first article only
	// (distinct=story), so that every count counts a story once.
	DistinctStories bool
	PlaceID         int64 // one place only (OGC /items/{fid})
	MentionID       int64 // one mention only
	Limit, Offset   int
}

// FilterKey names what a filter selects, whatever page of it is asked
// for: equal filters have equal keys, however they were built. It is the
// one key of every cache of results by filter.
type FilterKey [sha256.Size]byte

// Key returns f's key: a hash, so a cache of many long filters stays small.
func (f Filter) Key() FilterKey {
	f.Limit, f.Offset = 0, 0
	b, _ := json.Marshal(f) // pointers are written as what they point to
	return sha256.Sum256(b)
}

// Extent is the space and time the stored mentions cover.
type Extent struct {
	BBox       orb.Bound
	Start, End string // RFC 3339; empty when there are no mentions
}

// ArticleStore is what the HTTP layer needs from storage. data.Store is the
// SQLite implementation; a PostGIS one will follow.
type ArticleStore interface {
	// IngestBatch stores articles in one transaction, all or none.
	// created[i] is false when an article with the same URL or content
	// (ContentHash) was stored already; arts[i] then holds the stored one.
	IngestBatch(ctx context.Context, arts []*Article) (created []bool, err error)
	// Article returns an article with its text and a page of its mentions,
	// in the order of the text; MentionCount counts them all.
	Article(ctx context.Context, id int64, limit, offset int) (*Article, error)
	Articles(ctx context.Context, limit, offset int) ([]Article, error)
	Place(ctx context.Context, id int64, recent int) (*Place, []MentionRow, error)
	// PlaceSummaries calls fn once per place matching f, most mentioned first.
	PlaceSummaries(ctx context.Context, f Filter, fn func(*PlaceSummary) error) error
	// PlacePoints calls fn once per place matching f, with its mention
	// count only: the input of tiles and clusters.
	PlacePoints(ctx context.Context, f Filter, fn func(*ClusterPoint) error) error
	Timeliner
	// Mentions calls fn once per mention matching f, newest first.
	Mentions(ctx context.Context, f Filter, fn func(*MentionRow) error) error
	// CountPlaces and CountMentions count what PlaceSummaries and Mentions
	// would return for f without paging (OGC numberMatched).
	CountPlaces(ctx context.Context, f Filter) (int, error)
	CountMentions(ctx context.Context, f Filter) (int, error)
	Extent(ctx context.Context) (Extent, error)
	// Version changes whenever the stored data change; it keys ETags.
	Version(ctx context.Context) (int64, error)
	Ping(ctx context.Context) error
}

// Geoparser finds the places a text mentions. Both methods must be safe
// for concurrent use: batches are parsed on every core.
type Geoparser interface {
	Parse(text string) []Mention
	// ParseFrom parses an article of source (see SourceKey; "" for
	// none). The geoparser may learn from a source's articles where it
	// is local, and use it for the source's later articles: callers parse
	// one source's articles in order.
	ParseFrom(source, text string) []Mention
}

// LimitedParser is a Geoparser that can stop keeping mentions past max,
// counting the rest in omitted, so that a text of one name repeated costs
// little memory. Ingest uses it when the parser has it.
type LimitedParser interface {
	ParseLimited(source, text string, max int) (ms []Mention, omitted int)
}

// SourceHistory is a store that can replay, newest first, the mentions of
// each source's stored articles, so that a starting process relearns what
// its geoparser learnt per source (see Learner).
type SourceHistory interface {
	// LastArticleID is the id of the newest stored article, 0 for none.
	LastArticleID(ctx context.Context) (int64, error)
	// SourceHistory calls fn for articles with ids up to upTo, newest
	// first: at most perSource per source and total in all.
	SourceHistory(ctx context.Context, upTo int64, perSource, total int, fn func(source string, ms []Mention) error) error
	// Lessons calls fn, as SourceHistory does, for each of the articles
	// ids that is stored and has a source, in the order of ids.
	Lessons(ctx context.Context, ids []int64, fn func(source string, ms []Mention) error) error
}

// Learner is a geoparser that learns from a source's stored articles as it
// does from those it parses.
type Learner interface {
	Learn(source string, ms []Mention)
}

// Leaser is a store that can grant a process a named lease, such as the
// right to poll one feed, so that processes sharing the store do not all
// do the same work. A lease is held until the process ends or loses the
// store; then another process may take it.
type Leaser interface {
	// Lease reports whether this process holds the lease name, taking it
	// when no process does.
	Lease(ctx context.Context, name string) (bool, error)
}
