package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"sync"

	"mentionmap/geo"
)

var _ geo.StoryStore = (*Store)(nil)

// storyOf is the story of article a: its story column, where 0 (the most
// of them, written once with the article) means the article's own.
const storyOf = `COALESCE(NULLIF(a.story, 0), a.id)`

// storyWindow is the in-memory index of the newest stored articles
// (geo.StoryWindow) that ingest chooses stories among. It follows the
// database: a batch first reads the signatures stored since its last one,
// by this process or another. Their ids only grow, since articles are
// never deleted and a batch holds the write lock. A batch that fails drops
// the index, to be read again.
type storyWindow struct {
	mu   sync.Mutex // held by a batch, from its first statement to its end
	x    *geo.StoryIndex
	last int64 // the newest article id indexed
}

// lock takes the window for one batch in tx, and brings it up to date.
func (w *storyWindow) lock(ctx context.Context, tx *sql.Tx) (*geo.StoryIndex, error) {
	w.mu.Lock()
	if w.x == nil {
		w.x, w.last = geo.NewStoryWindow(geo.StoryWindow), 0
	}
	rows, err := tx.QueryContext(ctx, `SELECT article_id, story, minhash FROM (SELECT * FROM story_signatures
		WHERE article_id > ? ORDER BY article_id DESC LIMIT ?) ORDER BY article_id`, w.last, geo.StoryWindow)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, story int64
		var raw []byte
		if err := rows.Scan(&id, &story, &raw); err != nil {
			return nil, err
		}
		if sig, ok := geo.ParseSignature(raw); ok {
			w.x.Index(id, story, &sig)
		}
		w.last = id
	}
	return w.x, rows.Err()
}

// unlock ends a batch; drop drops the index, which may hold articles the
// batch did not commit.
func (w *storyWindow) unlock(drop bool) {
	if drop {
		w.x = nil
	}
	w.mu.Unlock()
}

// indexStory indexes new article a, of story (0: its own), with signature
// sig, and keeps the signature for flushSignatures.
func (b *batch) indexStory(w *storyWindow, a *geo.Article, story int64, sig *geo.Signature) {
	a.Story = cmp.Or(story, a.ID)
	if sig == nil {
		return
	}
	w.x.Index(a.ID, a.Story, sig)
	w.last = a.ID
	b.pendingSigs = append(b.pendingSigs, storedSig{a.ID, a.Story, sig})
}

// storedSig is a new article's row of story_signatures.
type storedSig struct {
	article, story int64
	sig            *geo.Signature
}

// flushSignatures stores the batch's new signatures, 64 rows a statement.
func (b *batch) flushSignatures(ctx context.Context) error {
	return b.signatures.exec(ctx, len(b.pendingSigs), func(i int, args []any) ([]any, error) {
		s := b.pendingSigs[i]
		return append(args, s.article, s.story, s.sig.Bytes()), nil
	})
}

// Story returns a story's articles, oldest first.
func (s *Store) Story(ctx context.Context, id int64) (*geo.Story, error) {
	st := &geo.Story{ID: id, Articles: []geo.ArticleRef{}}
	err := s.stream(ctx, "story", `SELECT id, title, COALESCE(url, ''), source, time FROM articles
		WHERE (story = ? AND story <> 0) OR (id = ? AND story = 0) ORDER BY time, id`, []any{id, id}, func(rows *sql.Rows) error {
		var r geo.ArticleRef
		if err := rows.Scan(&r.ID, &r.Title, &r.URL, &r.Source, &r.Time); err != nil {
			return failed("story", err)
		}
		st.Articles = append(st.Articles, r)
		return nil
	})
	if err == nil {
		err = st.Count()
	}
	if err != nil {
		return nil, err
	}
	return st, nil
}
