package data

import (
	"context"
	"database/sql"
	"strings"
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
	findPlace *sql.Stmt
	addPlace  *sql.Stmt
	addRTree  *sql.Stmt
	stats     *sql.Stmt
	newPlaces map[string]int64 // places this transaction stored
	deltas    statDeltas       // per-place totals this transaction adds
	indexed   []*geo.Article   // articles for the full-text index, at the end

	tx          *sql.Tx
	mentions    [mentionsPerInsert]*sql.Stmt // inserts of 1..mentionsPerInsert rows
	args        []any                        // their arguments, reused
	lastMention int64                        // the id of the newest mention
}

func (s *Store) newBatch(ctx context.Context, tx *sql.Tx) (*batch, error) {
	b := &batch{s: s, tx: tx, newPlaces: map[string]int64{}, deltas: statDeltas{byPlace: map[int64]*statDelta{}}}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM mentions`).Scan(&b.lastMention); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&b.exists, `SELECT id FROM articles WHERE hash = ? OR (url IS NOT NULL AND url = ?) LIMIT 1`},
		// A duplicate URL or text inserts nothing, and costs no lookup
		// before each insert: the unique indexes are probed anyway.
		{&b.article, `INSERT INTO articles (url, title, source, published, ingested, time, text, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`},
		{&b.fts, `INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`},
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

// existing returns the id of the stored article with a's URL or text,
// after an insert of a changed nothing (or failed with err).
func (b *batch) existing(ctx context.Context, a *geo.Article, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	var id int64
	if err := b.exists.QueryRowContext(ctx, a.Hash, nullString(a.URL)).Scan(&id); err != nil {
		return 0, err
	}
	return id, nil
}

// insert writes the article, its full-text entry, new places and mentions.
// When an article with a's URL or text is stored already, it writes
// nothing and returns that article's id.
func (b *batch) insert(ctx context.Context, a *geo.Article) (existing int64, err error) {
	a.Ingested = time.Now().UTC().Truncate(time.Second)
	var published any
	if a.Published != nil {
		published = formatTime(*a.Published)
	}
	t := formatTime(a.Time())
	unix := a.Time().Unix()
	res, err := b.article.ExecContext(ctx, nullString(a.URL), a.Title, a.Source, published, formatTime(a.Ingested), t, a.Text, a.Hash)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return b.existing(ctx, a, err)
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	b.indexed = append(b.indexed, a)
	if err := b.addMentions(ctx, a, unix); err != nil {
		return 0, err
	}
	perPlace := map[int64]int{}
	for i := range a.Mentions {
		perPlace[a.Mentions[i].Place.ID]++
	}
	for id, n := range perPlace {
		b.deltas.add(id, n, t, a.ID)
	}
	return 0, nil
}

// mentionsPerInsert is how many mention rows one INSERT writes: one
// statement per row cost a third of the time of storing a mention in
// database/sql and the driver, not in SQLite.
const mentionsPerInsert = 16

// addMentions stores a's mentions, numbering them from the batch's next
// mention id, mentionsPerInsert rows per statement.
func (b *batch) addMentions(ctx context.Context, a *geo.Article, unix int64) error {
	ms := a.Mentions
	for len(ms) > 0 {
		chunk := ms[:min(len(ms), mentionsPerInsert)]
		ms = ms[len(chunk):]
		args := b.args[:0]
		for i := range chunk {
			m := &chunk[i]
			var err error
			if m.Place.ID, err = b.placeID(ctx, &m.Place); err != nil {
				return err
			}
			b.lastMention++
			m.ID, m.ArticleID = b.lastMention, a.ID
			args = append(args, m.ID, a.ID, m.Place.ID, m.Start, m.End, m.Text, m.Sentence, m.Confidence, m.Demonym, unix)
		}
		b.args = args
		st, err := b.insertMentions(ctx, len(chunk))
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// insertMentions returns the statement that inserts n mention rows,
// preparing it on first use.
func (b *batch) insertMentions(ctx context.Context, n int) (*sql.Stmt, error) {
	if st := b.mentions[n-1]; st != nil {
		return st, nil
	}
	q := `INSERT INTO mentions (id, article_id, place_id, start, end, text, sentence, confidence, demonym, time) VALUES ` +
		strings.Repeat(`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?), `, n-1) + `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	st, err := b.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	b.mentions[n-1] = st
	b.stmts = append(b.stmts, st)
	return st, nil
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
