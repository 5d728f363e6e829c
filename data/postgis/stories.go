package postgis

import (
	"cmp"
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

var _ geo.StoryStore = (*Store)(nil)

// storyOf is the story of article a: its story column, where 0 (the most
// of them, written once with the article) means the article's own.
const storyOf = `COALESCE(NULLIF(a.story, 0), a.id)`

// batchStories is what a batch's articles are of stories (geo.StoryIndex):
// chosen among the stored articles before they are inserted, so that the
// insert writes each row once, then among the batch's own.
type batchStories struct {
	x         *geo.StoryIndex
	sigs      []*geo.Signature
	stories   []int64 // 0: its own, or a batch-mate's (index)
	minhashes [][]byte
}

// chooseStories signs the batch's articles and chooses their stories among
// the stored articles that share a band with them.
func chooseStories(ctx context.Context, tx pgx.Tx, arts []*geo.Article) (*batchStories, error) {
	st := &batchStories{x: geo.NewStoryIndex(), sigs: geo.Signatures(arts)}
	if bands := geo.AllBands(st.sigs); len(bands) > 0 {
		rows, err := tx.Query(ctx, `SELECT b.band, a.id, `+storyOf+`, a.minhash FROM story_bands b
			JOIN articles a ON a.id = b.article_id WHERE b.band = ANY($1)`, bands)
		if err != nil {
			return nil, err
		}
		var band int64
		var c geo.StoryCandidate
		var raw []byte
		_, err = pgx.ForEachRow(rows, []any{&band, &c.ID, &c.Story, &raw}, func() error {
			var ok bool
			if c.Signature, ok = geo.ParseSignature(raw); ok {
				st.x.Add(band, c)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	st.stories, st.minhashes = make([]int64, len(arts)), make([][]byte, len(arts))
	for i := range arts {
		st.stories[i], st.minhashes[i] = st.x.Choose(st.sigs[i]), st.sigs[i].Bytes()
	}
	return st, nil
}

// index gives the stored articles their stories, joins to a batch-mate's
// the copies that match no stored article, and indexes their bands. Two
// processes that store copies of one text at the same moment may each
// start a story.
func (st *batchStories) index(ctx context.Context, tx pgx.Tx, arts []*geo.Article, created []bool) error {
	var mates, mateStories, bandIDs, bandArticles []int64
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
		st.x.Index(a.ID, a.Story, st.sigs[i]) // for the bands that grow past geo.MaxBandArticles
		if st.sigs[i] != nil {
			for _, b := range st.sigs[i].Bands() {
				bandIDs, bandArticles = append(bandIDs, b), append(bandArticles, a.ID)
			}
		}
	}
	if len(mates) > 0 {
		if _, err := tx.Exec(ctx, `UPDATE articles a SET story = u.s FROM unnest($1::bigint[], $2::bigint[]) AS u(id, s)
			WHERE a.id = u.id`, mates, mateStories); err != nil {
			return err
		}
	}
	if len(bandIDs) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO story_bands (band, article_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])
		ON CONFLICT DO NOTHING`, bandIDs, bandArticles); err != nil {
		return err
	}
	hot := st.x.Hot()
	if len(hot) == 0 {
		return nil
	}
	// Each band keeps its newest geo.MaxBandArticles articles.
	_, err := tx.Exec(ctx, `DELETE FROM story_bands s USING (
			SELECT band, article_id, row_number() OVER (PARTITION BY band ORDER BY article_id DESC) AS n
			FROM story_bands WHERE band = ANY($1)) x
		WHERE s.band = x.band AND s.article_id = x.article_id AND x.n > $2`, hot, geo.MaxBandArticles)
	return err
}

// Story returns a story's articles, oldest first.
func (s *Store) Story(ctx context.Context, id int64) (*geo.Story, error) {
	st := &geo.Story{ID: id, Articles: []geo.ArticleRef{}}
	err := s.stream(ctx, "story", `SELECT id, title, COALESCE(url, ''), source, time FROM articles
		WHERE (story = $1 AND story <> 0) OR (id = $1 AND story = 0) ORDER BY time, id`,
		[]any{id}, func(rows pgx.Rows) error {
			var r geo.ArticleRef
			var t time.Time
			if err := rows.Scan(&r.ID, &r.Title, &r.URL, &r.Source, &t); err != nil {
				return failed("story", err)
			}
			r.Time = formatTime(t)
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
