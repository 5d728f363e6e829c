package sqlite

import (
	"context"
	"database/sql"

	"mentionmap/geo"
)

var _ geo.StoryStore = (*Store)(nil)

// readStoryCandidates indexes the stored articles that share a band with
// any of sigs.
func readStoryCandidates(ctx context.Context, tx *sql.Tx, sigs []*geo.Signature) (*geo.StoryIndex, error) {
	x := geo.NewStoryIndex()
	bands := geo.AllBands(sigs)
	if len(bands) == 0 {
		return x, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT b.band, a.id, a.story, a.minhash FROM story_bands b
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

// placeStory gives new article a its story, and indexes its bands.
func placeStory(ctx context.Context, tx *sql.Tx, x *geo.StoryIndex, a *geo.Article, sig *geo.Signature) error {
	a.Story = x.Place(a.ID, sig)
	var raw []byte
	if sig != nil {
		raw = sig.Bytes()
		for _, b := range sig.Bands() {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO story_bands (band, article_id) VALUES (?, ?)`, b, a.ID); err != nil {
				return err
			}
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE articles SET story = ?, minhash = ? WHERE id = ?`, a.Story, raw, a.ID)
	return err
}

// Story returns a story's articles, oldest first.
func (s *Store) Story(ctx context.Context, id int64) (*geo.Story, error) {
	st := &geo.Story{ID: id, Articles: []geo.ArticleRef{}}
	err := s.stream(ctx, "story", `SELECT id, title, COALESCE(url, ''), source, time FROM articles WHERE story = ? ORDER BY time, id`,
		[]any{id}, func(rows *sql.Rows) error {
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
