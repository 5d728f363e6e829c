package postgis

import (
	"context"

	"mentionmap/geo"
)

// Unexported parts that the external tests check against a server.
var (
	SearchVector = func(title, text string) string {
		var v vectorBuilder
		return v.build(title, text)
	}
	TSQuery = tsQuery
)

// MentionsBy lists mentions as Mentions does, by the walk of the articles
// or by the sort of the pairs, whichever f would get.
func (s *Store) MentionsBy(ctx context.Context, f geo.Filter, byTime bool, fn func(*geo.MentionRow) error) error {
	return s.mentions(ctx, f, byTime, fn)
}
