package postgis

import (
	"context"
	"math"
	"time"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// IngestBatch stores articles in one transaction: all of them or, on
// error, none. created[i] is false when article i was stored already (by
// URL or content, by this process or another, or earlier in the batch);
// it is then replaced by the stored article. Concurrent writers never
// duplicate an article: the unique indexes decide, and the loser reads the
// winner's row.
func (s *Store) IngestBatch(ctx context.Context, arts []*geo.Article) ([]bool, error) {
	for _, a := range arts {
		if a.Text == "" {
			return nil, geo.Errorf(geo.EINVALID, "article text is empty")
		}
		for i := range a.Mentions {
			if pt := a.Mentions[i].Place.Point; !finite(pt.Lon()) || !finite(pt.Lat()) {
				return nil, geo.Errorf(geo.EINVALID, "place %q has no point", a.Mentions[i].Place.Key)
			}
		}
		a.Hash = geo.ContentHash(a.Text)
	}
	if err := ctx.Err(); err != nil {
		return nil, failed("ingest", err)
	}
	created := make([]bool, len(arts))
	existing := map[int]int64{}
	var version int64
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		clear(existing)
		places := map[string]int64{}
		var rows [][]any
		for i, a := range arts {
			id, isNew, err := insertArticle(ctx, tx, a)
			if err != nil {
				return err
			}
			created[i] = isNew
			if !isNew {
				existing[i] = id
				continue
			}
			for j := range a.Mentions {
				m := &a.Mentions[j]
				if m.Place.ID, err = placeID(ctx, tx, places, &m.Place); err != nil {
					return err
				}
				rows = append(rows, []any{a.ID, m.Place.ID, m.Start, m.End, m.Text, m.Sentence, m.Confidence, m.Demonym, a.Time()})
			}
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"mentions"},
			[]string{"article_id", "place_id", "start", "end", "text", "sentence", "confidence", "demonym", "time"},
			pgx.CopyFromRows(rows))
		if err == nil && len(existing) < len(arts) {
			err = tx.QueryRow(ctx, `UPDATE meta SET version = version + 1 RETURNING version`).Scan(&version)
		}
		return err
	})
	if err != nil {
		return nil, failed("ingest", err)
	}
	s.saw(version) // this process reads its own writes
	for i, id := range existing {
		got, err := s.Article(ctx, id, geo.MaxMentions, 0)
		if err != nil {
			return nil, err
		}
		*arts[i] = *got
	}
	return created, nil
}

// insertArticle stores a, or finds the stored article with its URL or
// text; isNew tells which.
func insertArticle(ctx context.Context, tx pgx.Tx, a *geo.Article) (id int64, isNew bool, err error) {
	if a.Ingested.IsZero() { // a copied article keeps its own (mentionmap migrate)
		a.Ingested = time.Now().UTC().Truncate(time.Second)
	}
	err = tx.QueryRow(ctx, `INSERT INTO articles (url, title, source, published, ingested, time, text, hash, mentions_omitted)
		VALUES (NULLIF($1, ''), $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
		a.URL, a.Title, a.Source, a.Published, a.Ingested, a.Time(), a.Text, a.Hash, a.MentionsOmitted).Scan(&a.ID)
	if err == nil {
		return a.ID, true, nil
	}
	if err != pgx.ErrNoRows {
		return 0, false, err
	}
	err = tx.QueryRow(ctx, `SELECT id FROM articles WHERE hash = $1 OR (url IS NOT NULL AND url = NULLIF($2, '')) LIMIT 1`,
		a.Hash, a.URL).Scan(&id)
	return id, false, err
}

// placeID returns the id of p, storing it first if no process has.
func placeID(ctx context.Context, tx pgx.Tx, known map[string]int64, p *geo.Place) (int64, error) {
	if id, ok := known[p.Key]; ok {
		return id, nil
	}
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO places (key, geonameid, name, kind, country, admin1, geom)
		VALUES ($1, NULLIF($2, 0), $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326))
		ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id`,
		p.Key, p.GeonameID, p.Name, p.Kind, p.Country, p.Admin1, p.Point.Lon(), p.Point.Lat()).Scan(&id)
	known[p.Key] = id
	return id, err
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
