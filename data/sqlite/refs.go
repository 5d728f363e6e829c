package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"sync"

	"mentionmap/geo"
)

// Every place feature carries its three newest articles' titles, URLs,
// sources and times. Reading them from the articles table costs a B-tree
// seek each: 3,000 for a page of 1,000 places, most of the query. Articles
// never change once stored, so the store keeps these references in memory.

// refCacheSize bounds the cache: about 200 bytes an entry.
const refCacheSize = 100_000

// refCache maps article ids to their references.
type refCache struct {
	mu sync.Mutex
	m  map[int64]geo.ArticleRef
}

func (c *refCache) get(id int64) (geo.ArticleRef, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[id]
	return r, ok
}

func (c *refCache) put(r geo.ArticleRef) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= refCacheSize {
		c.m = make(map[int64]geo.ArticleRef) // start over: cheaper than tracking use
	}
	c.m[r.ID] = r
}

// refsChunk is how many ids one lookup query binds.
const refsChunk = 500

// loadRefs reads the references of the articles in ids that are not cached.
func (s *Store) loadRefs(ctx context.Context, ids []int64) error {
	var missing []any
	for _, id := range ids {
		if _, ok := s.refs.get(id); !ok && id != 0 {
			missing = append(missing, id)
		}
	}
	for lo := 0; lo < len(missing); lo += refsChunk {
		part := missing[lo:min(len(missing), lo+refsChunk)]
		q := `SELECT id, title, COALESCE(url, ''), source, time FROM articles WHERE id IN (?` +
			strings.Repeat(", ?", len(part)-1) + `)`
		err := s.stream(ctx, "articles", q, part, func(rows *sql.Rows) error {
			var r geo.ArticleRef
			if err := rows.Scan(&r.ID, &r.Title, &r.URL, &r.Source, &r.Time); err != nil {
				return failed("articles", err)
			}
			s.refs.put(r)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// latestRefs returns the references of ids, skipping zeros (empty slots).
func (s *Store) latestRefs(ids [3]int64) []geo.ArticleRef {
	out := make([]geo.ArticleRef, 0, len(ids))
	for _, id := range ids {
		if r, ok := s.refs.get(id); ok && id != 0 {
			out = append(out, r)
		}
	}
	return out
}
