package postgis

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// refCache holds the short forms of articles that place features list as
// their newest. An article's title, URL, source and time never change
// once it is stored, and a map's busy places name the same few thousand
// articles request after request: reading 2,800 of them by id took a
// third of the database's time for 1,000 places.
type refCache struct {
	mu sync.Mutex
	m  map[int64]geo.ArticleRef
}

// refCacheSize bounds the cache: about 4 MB of short forms. A full cache
// starts over rather than tracking what was used last.
const refCacheSize = 20_000

// get copies the cached forms of ids into out and returns the ids it
// lacks.
func (c *refCache) get(ids []int64, out map[int64]geo.ArticleRef) (missing []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		if r, ok := c.m[id]; ok {
			out[id] = r
		} else {
			missing = append(missing, id)
		}
	}
	return missing
}

// put caches the forms read from the database.
func (c *refCache) put(refs []geo.ArticleRef) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m)+len(refs) > refCacheSize {
		c.m = make(map[int64]geo.ArticleRef, min(refCacheSize, 2*len(refs)))
	}
	for _, r := range refs {
		if len(c.m) < refCacheSize {
			c.m[r.ID] = r
		}
	}
}

// refs reads the short forms of articles, from the cache where it can.
func (s *Store) refs(ctx context.Context, ids []int64) (map[int64]geo.ArticleRef, error) {
	out := make(map[int64]geo.ArticleRef, len(ids))
	missing := s.articleRefs.get(ids, out)
	if len(missing) == 0 {
		return out, nil
	}
	var read []geo.ArticleRef
	err := s.stream(ctx, "articles", `SELECT id, title, COALESCE(url, ''), source, time FROM articles WHERE id = ANY($1)`,
		[]any{missing}, func(rows pgx.Rows) error {
			var r geo.ArticleRef
			var t time.Time
			if err := rows.Scan(&r.ID, &r.Title, &r.URL, &r.Source, &t); err != nil {
				return failed("articles", err)
			}
			r.Time = formatTime(t)
			out[r.ID] = r
			read = append(read, r)
			return nil
		})
	if err == nil {
		s.articleRefs.put(read)
	}
	return out, err
}
