package geo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
)

// MentionFact is what a filter without text search tests of a mention,
// with the place it resolves to: the row of an in-memory copy of the
// mentions (package columns).
type MentionFact struct {
	ArticleID  int64
	Story      int64 // the article's story (story.go)
	Time       int64 // the article's time, Unix microseconds
	Source     string
	Confidence float64
	Demonym    bool
	Focus      bool         // of a place its article is about (focus.go)
	Reprint    bool         // of an article that repeats an earlier story
	Place      ClusterPoint // Mentions unset
}

// Change is what one data version added or changed.
type Change struct {
	Version  int64
	Articles []int64
	Mine     bool // written through this store value, that is by this process
	// Revised is set when the articles were stored before, and only their
	// mentions changed: an analyst's correction, or a reparse.
	Revised bool
}

// ChangedArticles lists the articles of changes, oldest change first.
func ChangedArticles(changes []Change) []int64 {
	var ids []int64
	for _, c := range changes {
		ids = append(ids, c.Articles...)
	}
	return ids
}

// ChangeLog is a store that says which articles changed since a data
// version, and which process changed them, so that what a process keeps
// in memory follows the database, whoever wrote to it.
type ChangeLog interface {
	// Changes returns the current version and the changes after version
	// since, oldest first.
	Changes(ctx context.Context, since int64) (version int64, changes []Change, err error)
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

// NewWriterID returns a random name for the writes of one store value,
// which a ChangeLog records so that its process can tell its own.
func NewWriterID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
