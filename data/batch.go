package data

import (
	"context"
	"database/sql"
	"time"

	"mentionmap/geo"
)

// batch is one ingest transaction with its prepared statements.
type batch struct {
	s         *Store
	stmts     []*sql.Stmt
	exists    *sql.Stmt
	article   *sql.Stmt
	fts       *sql.Stmt
	mention   *sql.Stmt
	findPlace *sql.Stmt
	addPlace  *sql.Stmt
	addRTree  *sql.Stmt
	stats     *sql.Stmt
	newPlaces map[string]int64 // places this transaction stored
	deltas    statDeltas       // per-place totals this transaction adds
	indexed   []*geo.Article   // articles for the full-text index, at the end
}

func (s *Store) newBatch(ctx context.Context, tx *sql.Tx) (*batch, error) {
	b := &batch{s: s, newPlaces: map[string]int64{}, deltas: statDeltas{byPlace: map[int64]*statDelta{}}}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&b.exists, `SELECT id FROM articles WHERE hash = ? OR (url IS NOT NULL AND url = ?) LIMIT 1`},
		{&b.article, `INSERT INTO articles (url, title, source, published, ingested, time, text, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`},
		{&b.fts, `INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`},
		{&b.mention, `INSERT INTO mentions (article_id, place_id, start, end, text, sentence, confidence, demonym, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&b.findPlace, `SELECT id FROM places WHERE key = ?`},
		{&b.addPlace, `INSERT INTO places (key, geonameid, name, kind, country, admin1, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`},
		{&b.addRTree, `INSERT INTO places_rtree (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)`},
		// The newest three (time, article) pairs shift down as a newer one
		// arrives; every SET expression sees the row as it was.
		{&b.stats, `INSERT INTO place_stats (place_id, mentions, articles, first, last, t1, a1)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (place_id) DO UPDATE SET mentions = mentions + excluded.mentions, articles = articles + excluded.articles,
			first = min(first, excluded.first), last = max(last, excluded.last),
			t3 = CASE WHEN excluded.t1 >= t2 THEN t2 WHEN excluded.t1 >= t3 THEN excluded.t1 ELSE t3 END,
			a3 = CASE WHEN excluded.t1 >= t2 THEN a2 WHEN excluded.t1 >= t3 THEN excluded.a1 ELSE a3 END,
			t2 = CASE WHEN excluded.t1 >= t1 THEN t1 WHEN excluded.t1 >= t2 THEN excluded.t1 ELSE t2 END,
			a2 = CASE WHEN excluded.t1 >= t1 THEN a1 WHEN excluded.t1 >= t2 THEN excluded.a1 ELSE a2 END,
			t1 = CASE WHEN excluded.t1 >= t1 THEN excluded.t1 ELSE t1 END,
			a1 = CASE WHEN excluded.t1 >= t1 THEN excluded.a1 ELSE a1 END`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			b.close()
			return nil, err
		}
		*p.dst = st
		b.stmts = append(b.stmts, st)
	}
	return b, nil
}

func (b *batch) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}

// existing returns the id of an article with a's URL or text, or 0.
func (b *batch) existing(ctx context.Context, a *geo.Article) (int64, error) {
	var id int64
	err := b.exists.QueryRowContext(ctx, a.Hash, nullString(a.URL)).Scan(&id)
	if errNoRows(err) {
		return 0, nil
	}
	return id, err
}

// insert writes the article, its full-text entry, new places and mentions.
func (b *batch) insert(ctx context.Context, a *geo.Article) error {
	a.Ingested = time.Now().UTC().Truncate(time.Second)
	var published any
	if a.Published != nil {
		published = formatTime(*a.Published)
	}
	t := formatTime(a.Time())
	unix := a.Time().Unix()
	res, err := b.article.ExecContext(ctx, nullString(a.URL), a.Title, a.Source, published, formatTime(a.Ingested), t, a.Text, a.Hash)
	if err != nil {
		return err
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	b.indexed = append(b.indexed, a)
	perPlace := map[int64]int{}
	for i := range a.Mentions {
		m := &a.Mentions[i]
		if m.Place.ID, err = b.placeID(ctx, &m.Place); err != nil {
			return err
		}
		perPlace[m.Place.ID]++
		res, err := b.mention.ExecContext(ctx, a.ID, m.Place.ID, m.Start, m.End, m.Text, m.Sentence, m.Confidence, m.Demonym, unix)
		if err != nil {
			return err
		}
		m.ArticleID = a.ID
		if m.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	for id, n := range perPlace {
		b.deltas.add(id, n, t, a.ID)
	}
	return nil
}

// indexText adds the batch's articles to the full-text index. It runs
// last: every later statement that opens a savepoint would make FTS5 flush
// its pending terms, writing one small segment per article instead of one
// per transaction.
func (b *batch) indexText(ctx context.Context) error {
	for _, a := range b.indexed {
		if _, err := b.fts.ExecContext(ctx, a.ID, a.Title, a.Text); err != nil {
			return err
		}
	}
	return nil
}

// placeID returns the stored id of p, inserting it and its index entry
// when it is new.
func (b *batch) placeID(ctx context.Context, p *geo.Place) (int64, error) {
	if id, ok := b.newPlaces[p.Key]; ok {
		return id, nil
	}
	if id, ok := b.s.cachedPlace(p.Key); ok {
		return id, nil
	}
	var id int64
	err := b.findPlace.QueryRowContext(ctx, p.Key).Scan(&id)
	if err == nil {
		b.newPlaces[p.Key] = id
		return id, nil
	}
	if !errNoRows(err) {
		return 0, err
	}
	res, err := b.addPlace.ExecContext(ctx, p.Key, p.GeonameID, p.Name, p.Kind, p.Country, p.Admin1, p.Point.Lon(), p.Point.Lat())
	if err != nil {
		return 0, err
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	x, y := p.Point.Lon(), p.Point.Lat()
	if _, err := b.addRTree.ExecContext(ctx, id, x, x, y, y); err != nil {
		return 0, err
	}
	b.newPlaces[p.Key] = id
	return id, nil
}
