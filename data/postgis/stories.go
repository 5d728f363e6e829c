package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

var _ geo.StoryStore = (*Store)(nil)

// placeStories gives the batch's new articles their stories (geo.StoryIndex),
// in the batch's order: with a stored article of nearly the same text, or
// an earlier one of the batch, or their own. Two processes that store
// copies of one text at the same moment may each start a story.
func placeStories(ctx context.Context, tx pgx.Tx, arts []*geo.Article, created []bool) error {
	sigs := geo.Signatures(arts)
	for i := range sigs {
		if !created[i] {
			sigs[i] = nil
		}
	}
	x := geo.NewStoryIndex()
	if bands := geo.AllBands(sigs); len(bands) > 0 {
		rows, err := tx.Query(ctx, `SELECT b.band, a.id, a.story, a.minhash FROM story_bands b
			JOIN articles a ON a.id = b.article_id WHERE b.band = ANY($1)`, bands)
		if err != nil {
			return err
		}
		var band int64
		var c geo.StoryCandidate
		var raw []byte
		_, err = pgx.ForEachRow(rows, []any{&band, &c.ID, &c.Story, &raw}, func() error {
			var ok bool
			if c.Signature, ok = geo.ParseSignature(raw); ok {
				x.Add(band, c)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	var ids, stories, bandIDs, bandArticles []int64
	var raws [][]byte
	for i, a := range arts {
		if !created[i] {
			continue
		}
		a.Story = x.Place(a.ID, sigs[i])
		var raw []byte
		if sigs[i] != nil {
			raw = sigs[i].Bytes()
			for _, b := range sigs[i].Bands() {
				bandIDs, bandArticles = append(bandIDs, b), append(bandArticles, a.ID)
			}
		}
		ids, stories, raws = append(ids, a.ID), append(stories, a.Story), append(raws, raw)
	}
	if len(ids) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE articles a SET story = u.s, minhash = u.m
		FROM unnest($1::bigint[], $2::bigint[], $3::bytea[]) AS u(id, s, m) WHERE a.id = u.id`, ids, stories, raws); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO story_bands (band, article_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])
		ON CONFLICT DO NOTHING`, bandIDs, bandArticles)
	return err
}

// Story returns a story's articles, oldest first.
func (s *Store) Story(ctx context.Context, id int64) (*geo.Story, error) {
	st := &geo.Story{ID: id, Articles: []geo.ArticleRef{}}
	err := s.stream(ctx, "story", `SELECT id, title, COALESCE(url, ''), source, time FROM articles WHERE story = $1 ORDER BY time, id`,
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
