package postgis

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

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
		a.Hash = a.TextHash()
	}
	if err := ctx.Err(); err != nil {
		return nil, failed("ingest", err)
	}
	var created []bool
	var existing map[int]int64
	var version int64
	var err error
	// Writers that meet on the same articles or places in another order
	// may deadlock; PostgreSQL then fails one, which tries again.
	for try := 0; try < 5; try++ {
		created, existing, version, err = s.ingestOnce(ctx, arts)
		if !retryable(err) {
			break
		}
	}
	if err != nil {
		return nil, failed("ingest", err)
	}
	s.saw(version) // this process reads its own writes
	s.version.wrote(version)
	s.search.committed()
	for i, id := range existing {
		got, err := s.Article(ctx, id, geo.MaxMentions, 0)
		if err != nil {
			return nil, err
		}
		*arts[i] = *got
	}
	return created, nil
}

// ingestOnce stores arts in one transaction.
func (s *Store) ingestOnce(ctx context.Context, arts []*geo.Article) (created []bool, existing map[int]int64, version int64, err error) {
	created, existing = make([]bool, len(arts)), map[int]int64{}
	err = pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		// Inserts gain nothing from a plan per run, and planning each
		// costs more than running it: back to cached plans here.
		if _, err := tx.Exec(ctx, `SET LOCAL plan_cache_mode = auto`); err != nil {
			return err
		}
		places, err := upsertPlaces(ctx, tx, arts)
		if err != nil {
			return err
		}
		st, err := s.chooseStories(ctx, tx, arts)
		if err != nil {
			return err
		}
		if err := insertArticles(ctx, tx, arts, st, created, existing); err != nil {
			return err
		}
		if err := st.index(ctx, tx, arts, created); err != nil {
			return err
		}
		err = copyMentions(ctx, tx, arts, created, places)
		if err == nil {
			err = addStats(ctx, tx, deltas(arts, created))
		}
		if err == nil {
			err = addForms(ctx, tx, arts, created)
		}
		if err == nil && len(existing) < len(arts) {
			version, err = logChange(ctx, tx, s.writer, arts, created)
		}
		if err == nil {
			err = st.record(ctx, tx)
		}
		return err
	})
	return created, existing, version, err
}

// copyMentions stores the mentions of the created articles, and their
// (place, article) pairs, sorted as place_articles' key so that its index
// fills in order.
func copyMentions(ctx context.Context, tx pgx.Tx, arts []*geo.Article, created []bool, places map[string]int64) error {
	type ref struct {
		a *geo.Article
		m *geo.Mention
	}
	type pair struct{ place, time, article int64 } // time in Unix microseconds
	var refs []ref
	var pairs []pair
	for i, a := range arts {
		if !created[i] {
			continue
		}
		first, t := len(pairs), a.Time().UnixMicro()
		for j := range a.Mentions {
			m := &a.Mentions[j]
			m.Place.ID = places[m.Place.Key]
			refs = append(refs, ref{a, m})
			if !slices.ContainsFunc(pairs[first:], func(p pair) bool { return p.place == m.Place.ID }) {
				pairs = append(pairs, pair{m.Place.ID, t, a.ID})
			}
		}
	}
	whys := geo.WhyWriter{}
	err := copyBinary(ctx, tx, `COPY mentions (article_id, place_id, start, "end", text, sentence, sentence_start, sentence_end,
		confidence, demonym, time, why, focus, reprint) FROM STDIN WITH (FORMAT binary)`, len(refs), func(i int, w *tupleEnc) {
		a, m := refs[i].a, refs[i].m
		copied, from, to := geo.StoredSentence(a.Text, m)
		w.fields(14)
		w.int8(a.ID)
		w.int8(m.Place.ID)
		w.int4(m.Start)
		w.int4(m.End)
		w.text(m.Text)
		w.textOrNull(copied)
		w.int4(from)
		w.int4(to)
		w.float8(m.Confidence)
		w.bool(m.Demonym)
		w.timestamptz(a.Time())
		w.textOrNull(whys.Stored(m.Why, m.Place.Key))
		w.bool(m.Focus)
		w.bool(a.Reprint())
	})
	if err != nil {
		return err
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		return cmp.Or(cmp.Compare(x.place, y.place), cmp.Compare(x.time, y.time), cmp.Compare(x.article, y.article))
	})
	return copyBinary(ctx, tx, `COPY place_articles (place_id, time, article_id) FROM STDIN WITH (FORMAT binary)`, len(pairs),
		func(i int, w *tupleEnc) {
			p := pairs[i]
			w.fields(3)
			w.int8(p.place)
			w.timestampMicro(p.time)
			w.int8(p.article)
		})
}

// retryable reports whether a transaction failed only for meeting another:
// a deadlock or a serialization failure.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// insertArticles stores arts in one statement, and finds the stored
// article of each one that has the URL or text of another: created[i]
// tells which, and existing[i] is then the stored article's id.
func insertArticles(ctx context.Context, tx pgx.Tx, arts []*geo.Article, st *batchStories, created []bool, existing map[int]int64) error {
	n := len(arts)
	urls, titles, sources, texts, hashes := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	published, ingested, times := make([]*time.Time, n), make([]time.Time, n), make([]time.Time, n)
	omitted := make([]int32, n)
	for i, a := range arts {
		if a.Ingested.IsZero() { // a copied article keeps its own (mentionmap migrate)
			a.Ingested = time.Now().UTC().Truncate(time.Second)
		}
		urls[i], titles[i], sources[i], texts[i], hashes[i] = a.URL, a.Title, a.Source, a.Text, a.Hash
		published[i], ingested[i], times[i], omitted[i] = a.Published, a.Ingested, a.Time(), int32(a.MentionsOmitted)
	}
	// In the batch's order, so ids follow it; a row that meets a stored
	// URL or text, or an earlier row's, is skipped and found below.
	rows, err := tx.Query(ctx, `INSERT INTO articles (url, title, source, published, ingested, time, text, hash, mentions_omitted, story)
		SELECT NULLIF(u, ''), ti, so, pu, ing, t, te, h, om, st
		FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[],
			$7::text[], $8::text[], $9::int[], $10::bigint[]) WITH ORDINALITY AS x(u, ti, so, pu, ing, t, te, h, om, st, n)
		ORDER BY n
		ON CONFLICT DO NOTHING RETURNING id, hash`,
		urls, titles, sources, published, ingested, times, texts, hashes, omitted, st.stories)
	if err != nil {
		return err
	}
	inserted := map[string]int64{}
	for rows.Next() {
		var id int64
		var h string
		if err := rows.Scan(&id, &h); err != nil {
			rows.Close()
			return err
		}
		inserted[h] = id
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i, a := range arts {
		if id, ok := inserted[a.Hash]; ok {
			a.ID, created[i] = id, true
			delete(inserted, a.Hash) // a second row with this text is a copy
			continue
		}
		existing[i] = 0
	}
	return findExisting(ctx, tx, arts, existing)
}

// findExisting sets existing[i] to the id of the stored article that has
// the text, or else the URL, of arts[i].
func findExisting(ctx context.Context, tx pgx.Tx, arts []*geo.Article, existing map[int]int64) error {
	if len(existing) == 0 {
		return nil
	}
	var hashes, urls []string
	for i := range existing {
		hashes, urls = append(hashes, arts[i].Hash), append(urls, arts[i].URL)
	}
	byHash, byURL := map[string]int64{}, map[string]int64{}
	rows, err := tx.Query(ctx, `SELECT id, hash, COALESCE(url, '') FROM articles WHERE hash = ANY($1) OR url = ANY($2)`, hashes, urls)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var h, u string
		if err := rows.Scan(&id, &h, &u); err != nil {
			rows.Close()
			return err
		}
		byHash[h] = id
		if u != "" {
			byURL[u] = id
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range existing {
		id, ok := byHash[arts[i].Hash]
		if !ok && arts[i].URL != "" {
			id, ok = byURL[arts[i].URL]
		}
		if !ok {
			return fmt.Errorf("article %q was neither stored nor found", arts[i].URL)
		}
		existing[i] = id
	}
	return nil
}

// upsertPlaces stores the places that arts mention and no process has
// stored, in the order the articles first mention them (so ids follow the
// same order as in the SQLite store), and returns every one's id by key.
// Places stored already are only read, and take no lock.
func upsertPlaces(ctx context.Context, tx pgx.Tx, arts []*geo.Article) (map[string]int64, error) {
	var order []*geo.Place
	seen := map[string]bool{}
	for _, a := range arts {
		for j := range a.Mentions {
			if p := &a.Mentions[j].Place; !seen[p.Key] {
				seen[p.Key] = true
				order = append(order, p)
			}
		}
	}
	ids, err := placeIDs(ctx, tx, slices.Collect(maps.Keys(seen)))
	if err != nil {
		return nil, err
	}
	b := &pgx.Batch{}
	var added []string
	for _, p := range order {
		if _, ok := ids[p.Key]; ok {
			continue
		}
		added = append(added, p.Key)
		b.Queue(insertPlaceSQL, placeRow(p)...)
	}
	if len(added) == 0 {
		return ids, nil
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, err
	}
	more, err := placeIDs(ctx, tx, added) // ours, or another writer's that committed first
	maps.Copy(ids, more)
	return ids, err
}

// placeIDs reads the ids of the stored places among keys.
func placeIDs(ctx context.Context, tx pgx.Tx, keys []string) (map[string]int64, error) {
	rows, err := tx.Query(ctx, `SELECT key, id FROM places WHERE key = ANY($1)`, keys)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := make(map[string]int64, len(keys))
	for rows.Next() {
		var key string
		var id int64
		if err := rows.Scan(&key, &id); err != nil {
			return nil, err
		}
		ids[key] = id
	}
	return ids, rows.Err()
}

// insertPlaceSQL stores a place that no process has stored.
const insertPlaceSQL = `INSERT INTO places (key, geonameid, name, geonames_name, kind, country, admin1, geom)
	VALUES ($1, NULLIF($2, 0), $3, $4, $5, $6, $7, ST_SetSRID(ST_MakePoint($8, $9), 4326))
	ON CONFLICT (key) DO NOTHING`

func placeRow(p *geo.Place) []any {
	return []any{p.Key, p.GeonameID, p.Name, p.OwnName(), p.Kind, p.Country, p.Admin1, p.Point.Lon(), p.Point.Lat()}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
