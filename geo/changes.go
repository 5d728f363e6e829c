package geo

import "context"

// MentionFact is what a filter without text search tests of a mention,
// with the place it resolves to: the row of an in-memory copy of the
// mentions (package columns).
type MentionFact struct {
	ArticleID  int64
	Time       int64 // the article's time, Unix microseconds
	Source     string
	Confidence float64
	Demonym    bool
	Place      ClusterPoint // Mentions unset
}

// ChangeLog is a store that says which articles changed since a data
// version, so that a copy kept in memory follows the database, whichever
// process wrote to it.
type ChangeLog interface {
	// Changes returns the current version and the ids of the articles
	// added or changed after version since, oldest change first.
	Changes(ctx context.Context, since int64) (version int64, ids []int64, err error)
	// MentionFacts calls fn once per mention of the articles ids, or of
	// every article when ids is nil, in no particular order.
	MentionFacts(ctx context.Context, ids []int64, fn func(*MentionFact) error) error
}

// PlaceCounter counts, per place, the mentions a filter selects: the
// input of tiles and clusters. Every ArticleStore is one; package columns
// is another, in memory.
type PlaceCounter interface {
	PlacePoints(ctx context.Context, f Filter, fn func(*ClusterPoint) error) error
}
