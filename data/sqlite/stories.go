package sqlite

import (
	"cmp"
	"context"
	"database/sql"

	"mentionmap/geo"
)

var _ geo.StoryStore = (*Store)(nil)

// storyOf is the story of article a: its story column, where 0 (the most
// of them, written once with the article) means the article's own.
const storyOf = `COALESCE(NULLIF(a.story, 0), a.id)`

// readStoryCandidates indexes the stored articles that share a band with
// any of sigs.
func readStoryCandidates(ctx context.Context, tx *sql.Tx, sigs []*geo.Signature) (*geo.StoryIndex, error) {
	x := geo.NewStoryIndex()
	bands := geo.AllBands(sigs)
	if len(bands) == 0 {
		return x, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT b.band, a.id, `+storyOf+`, a.minhash FROM story_bands b
		JOIN articles a ON a.id = b.article_id WHERE b.band `+inIDs, idList(bands))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var band int64
		var c geo.StoryCandidate
		var raw []byte
		if err := rows.Scan(&band, &c.ID, &c.Story, &raw); err != nil {
			return nil, err
		}
		var ok bool
		if c.Signature, ok = geo.ParseSignature(raw); ok {
			x.Add(band, c)
		}
	}
	return x, rows.Err()
}

// indexStory indexes new article a, stored in story (0: its own), under
// its bands.
func (b *batch) indexStory(ctx context.Context, x *geo.StoryIndex, a *geo.Article, story int64, sig *geo.Signature) error {
	a.Story = cmp.Or(story, a.ID)
	x.Index(a.ID, a.Story, sig)
	if sig == nil {
		return nil
	}
	bands := sig.Bands()
	return b.bands.exec(ctx, len(bands), func(i int, args []any) ([]any, error) {
		return append(args, bands[i], a.ID), nil
	})
}

// pruneBands keeps the newest geo.MaxBandArticles articles of each band.
func pruneBands(ctx context.Context, tx *sql.Tx, bands []int64) error {
	for _, b := range bands {
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_bands WHERE band = ? AND article_id <=
			(SELECT article_id FROM story_bands WHERE band = ? ORDER BY article_id DESC LIMIT 1 OFFSET ?)`,
			b, b, geo.MaxBandArticles); err != nil {
			return err
		}
	}
	return nil
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
