package postgis

import (
	"cmp"
	"context"
	"sync"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

var _ geo.StoryStore = (*Store)(nil)

// storyOf is the story of article a: its story column, where 0 (the most
// of them, written once with the article) means the article's own.
const storyOf = `COALESCE(NULLIF(a.story, 0), a.id)`

// storyLock is the advisory lock under which a batch writes its
// story_signatures rows and commits (migrations/0013_story_signatures.sql).
const storyLock = 7_263_511_044

// storyWindow is the in-memory index of the newest stored articles
// (geo.StoryWindow) that this process's batches choose stories among. It
// holds committed rows only: a batch reads the rows committed since the
// last one, its own among them, before it chooses.
type storyWindow struct {
	mu   sync.Mutex
	x    *geo.StoryIndex
	last int64 // the newest story_signatures seq read
}

// catchUp reads the rows committed since the last call.
func (w *storyWindow) catchUp(ctx context.Context, tx pgx.Tx) error {
	if w.x == nil {
		w.x, w.last = geo.NewStoryWindow(geo.StoryWindow), 0
	}
	rows, err := tx.Query(ctx, `SELECT seq, article_id, story, minhash FROM (SELECT * FROM story_signatures
		WHERE seq > $1 ORDER BY seq DESC LIMIT $2) s ORDER BY seq`, w.last, geo.StoryWindow)
	if err != nil {
		return err
	}
	var seq, id, story int64
	var raw []byte
	_, err = pgx.ForEachRow(rows, []any{&seq, &id, &story, &raw}, func() error {
		if sig, ok := geo.ParseSignature(raw); ok {
			w.x.Index(id, story, &sig)
		}
		w.last = seq
		return nil
	})
	if err != nil {
		w.x = nil // read again, whole, next time
	}
	return err
}

// batchStories is what a batch's articles are of stories: chosen among the
// window before they are inserted, so that the insert writes each row
// once, then among the batch's own.
type batchStories struct {
	sigs    []*geo.Signature
	stories []int64 // 0: its own, or a batch-mate's (index)
	// the rows of story_signatures the batch adds
	ids, ofStory []int64
	minhashes    [][]byte
}

// chooseStories chooses the stories of the batch's articles among the
// stored ones.
func (s *Store) chooseStories(ctx context.Context, tx pgx.Tx, arts []*geo.Article) (*batchStories, error) {
	st := &batchStories{sigs: geo.Signatures(arts), stories: make([]int64, len(arts))}
	w := &s.stories
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.catchUp(ctx, tx); err != nil {
		return nil, err
	}
	for i := range arts {
		st.stories[i] = w.x.Choose(st.sigs[i])
	}
	return st, nil
}

// index joins to a batch-mate's story the copies that match no stored
// article. Two processes that store copies of one text at the same moment
// may each start a story.
func (st *batchStories) index(ctx context.Context, tx pgx.Tx, arts []*geo.Article, created []bool) error {
	var mates, mateStories []int64
	batch := geo.NewStoryIndex() // the stored articles were chosen among before the insert
	for i, a := range arts {
		if !created[i] {
			continue
		}
		if st.stories[i] == 0 {
			if s := batch.Choose(st.sigs[i]); s != 0 { // an earlier article of this batch
				st.stories[i] = s
				mates, mateStories = append(mates, a.ID), append(mateStories, s)
			}
		}
		a.Story = cmp.Or(st.stories[i], a.ID)
		batch.Index(a.ID, a.Story, st.sigs[i])
		if st.sigs[i] != nil {
			st.ids, st.ofStory, st.minhashes = append(st.ids, a.ID), append(st.ofStory, a.Story), append(st.minhashes, st.sigs[i].Bytes())
		}
	}
	if len(mates) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `UPDATE articles a SET story = u.s FROM unnest($1::bigint[], $2::bigint[]) AS u(id, s)
		WHERE a.id = u.id`, mates, mateStories)
	return err
}

// record writes the batch's story_signatures rows, as the transaction's
// last statement: the lock it takes is held to the commit.
func (st *batchStories) record(ctx context.Context, tx pgx.Tx) error {
	if len(st.ids) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, storyLock); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO story_signatures (article_id, story, minhash)
		SELECT a, s, m FROM unnest($1::bigint[], $2::bigint[], $3::bytea[]) WITH ORDINALITY AS u(a, s, m, n) ORDER BY n`, st.ids, st.ofStory, st.minhashes)
	return err
}

// Story returns a story's articles, oldest first.
func (s *Store) Story(ctx context.Context, id int64) (*geo.Story, error) {
	st := &geo.Story{ID: id, Articles: []geo.ArticleRef{}}
	err := s.stream(ctx, "story", `SELECT `+refCols+` FROM articles
		WHERE (story = $1 AND story <> 0) OR (id = $1 AND story = 0) ORDER BY time, id`,
		[]any{id}, func(rows pgx.Rows) error {
			r, err := scanRef(rows)
			if err != nil {
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
