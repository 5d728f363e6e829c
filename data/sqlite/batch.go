package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"mentionmap/geo"
)

// batch is one ingest transaction with its prepared statements.
type batch struct {
	s         *Store
	stmts     []*sql.Stmt
	exists    *sql.Stmt
	article   *rawStmt
	args      []any // the article's values
	findPlace *sql.Stmt
	addPlace  *sql.Stmt
	addRTree  *sql.Stmt
	placeIDs  map[string]int64 // places this transaction found or stored, by key
	deltas    statDeltas       // per-place totals this transaction adds

	mentions    *multiRow      // 16 rows at most: an article's mentions, mostly
	places      *multiRow      // place_articles, written at the end of the batch
	pairs       []articlePlace // the batch's rows of place_articles
	perPlace    map[int64]int  // addPlaces' count of an article's mentions per place
	stats       *multiRow
	signatures  *multiRow // written at the end of the batch (stories.go)
	pendingSigs []storedSig
	lastMention int64 // the id of the newest mention
	whys        geo.WhyWriter
}

func (s *Store) newBatch(ctx context.Context, tx txConn) (*batch, error) {
	b := &batch{s: s, placeIDs: map[string]int64{}, deltas: statDeltas{byPlace: map[int64]*statDelta{}}}
	// A duplicate URL or text inserts nothing, and costs no lookup before
	// each insert: the unique indexes are probed anyway.
	b.article = &rawStmt{tc: tx, query: `INSERT INTO articles (url, title, source, published, ingested, time, text, hash, mentions_omitted, story)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`}
	b.mentions = newMultiRow(tx, `INSERT INTO mentions (id, article_id, place_id, start, end, text, sentence, sentence_start, sentence_end, confidence, demonym, time, why, focus, reprint) VALUES`, ``, 15, 16)
	b.places = newMultiRow(tx, `INSERT INTO place_articles (place_id, time, article_id) VALUES`, ``, 3, 128)
	b.stats = newMultiRow(tx, `INSERT INTO place_stats (place_id, mentions, articles, stories, first, last, t1, a1, t2, a2, t3, a3) VALUES`,
		`ON CONFLICT (place_id) DO UPDATE SET mentions = excluded.mentions, articles = excluded.articles, stories = excluded.stories,
		first = excluded.first, last = excluded.last, t1 = excluded.t1, a1 = excluded.a1,
		t2 = excluded.t2, a2 = excluded.a2, t3 = excluded.t3, a3 = excluded.a3`, 12, 64)
	b.signatures = newMultiRow(tx, `INSERT INTO story_signatures (article_id, story, minhash) VALUES`, ``, 3, 64)
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM mentions`).Scan(&b.lastMention); err != nil {
		b.close()
		return nil, err
	}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&b.exists, `SELECT id FROM articles WHERE hash = ? OR (url IS NOT NULL AND url = ?) LIMIT 1`},
		{&b.findPlace, `SELECT id FROM places WHERE key = ?`},
		{&b.addPlace, addPlaceSQL},
		{&b.addRTree, addRTreeSQL},
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
	b.article.close()
	for _, m := range []*multiRow{b.mentions, b.places, b.stats, b.signatures} {
		if m != nil {
			m.close()
		}
	}
}

// existing returns the id of the stored article with a's URL or text,
// after an insert of a changed nothing.
func (b *batch) existing(ctx context.Context, a *geo.Article) (int64, error) {
	var id int64
	if err := b.exists.QueryRowContext(ctx, a.Hash, nullString(a.URL)).Scan(&id); err != nil {
		return 0, err
	}
	return id, nil
}

// insert writes the article, of story (0: its own), its full-text entry,
// new places and mentions. When an article with a's URL or text is stored
// already, it writes nothing and returns that article's id.
func (b *batch) insert(ctx context.Context, a *geo.Article, story int64) (existing int64, err error) {
	if a.Ingested.IsZero() { // a copied article keeps its own (mentionmap migrate)
		a.Ingested = time.Now().UTC().Truncate(time.Second)
	}
	var published any
	if a.Published != nil {
		published = formatTime(*a.Published)
	}
	t := formatTime(a.Time())
	unix := a.Time().Unix()
	b.args = append(b.args[:0], nullString(a.URL), a.Title, a.Source, published, formatTime(a.Ingested), t, a.Text, a.Hash,
		a.MentionsOmitted, story)
	res, err := b.article.exec(ctx, b.args)
	clear(b.args)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return b.existing(ctx, a)
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	if err := b.addMentions(ctx, a, unix, story != 0); err != nil {
		return 0, err
	}
	b.addPlaces(a, t, unix, story != 0)
	return 0, nil
}

// addPlaces notes which places a mentions, once each, for flushPlaces,
// and adds its mentions to their totals.
func (b *batch) addPlaces(a *geo.Article, t string, unix int64, reprint bool) {
	if b.perPlace == nil {
		b.perPlace = map[int64]int{}
	}
	clear(b.perPlace)
	first := len(b.pairs)
	for i := range a.Mentions {
		id := a.Mentions[i].Place.ID
		if b.perPlace[id] == 0 {
			b.pairs = append(b.pairs, articlePlace{article: a.ID, place: id, time: unix})
		}
		b.perPlace[id]++
	}
	for _, p := range b.pairs[first:] {
		b.deltas.add(p.place, b.perPlace[p.place], t, a.ID, reprint)
	}
}

// flushPlaces stores the batch's rows of place_articles in key order, 128
// a statement: in order, each row lands beside the one before, where
// rows in article order land at random in the table.
func (b *batch) flushPlaces(ctx context.Context) error {
	slices.SortFunc(b.pairs, func(x, y articlePlace) int {
		return cmp.Or(cmp.Compare(x.place, y.place), cmp.Compare(x.time, y.time), cmp.Compare(x.article, y.article))
	})
	return b.places.exec(ctx, len(b.pairs), func(i int, args []any) ([]any, error) {
		p := b.pairs[i]
		return append(args, p.place, p.time, p.article), nil
	})
}

// addMentions stores a's mentions, numbering them from the batch's last
// mention id; reprint marks them as those of a story's later article.
func (b *batch) addMentions(ctx context.Context, a *geo.Article, unix int64, reprint bool) error {
	if b.whys == nil {
		b.whys = geo.WhyWriter{}
	}
	clear(b.whys) // an article's mentions share Whys; no others do
	return b.mentions.exec(ctx, len(a.Mentions), func(i int, args []any) ([]any, error) {
		m := &a.Mentions[i]
		var err error
		if m.Place.ID, err = b.placeID(ctx, &m.Place); err != nil {
			return nil, err
		}
		b.lastMention++
		m.ID, m.ArticleID = b.lastMention, a.ID
		copied, from, to := geo.StoredSentence(a.Text, m)
		return append(args, m.ID, a.ID, m.Place.ID, m.Start, m.End, m.Text, copied, from, to, m.Confidence, m.Demonym, unix, b.whys.Stored(m.Why, m.Place.Key),
			m.Focus, reprint), nil
	})
}

// placeID returns the stored id of p, inserting it and its index entry
// when it is new.
func (b *batch) placeID(ctx context.Context, p *geo.Place) (int64, error) {
	if id, ok := b.placeIDs[p.Key]; ok {
		return id, nil
	}
	if id, ok := b.s.cachedPlace(p.Key); ok {
		b.placeIDs[p.Key] = id // the next mention of p takes no lock
		return id, nil
	}
	var id int64
	err := b.findPlace.QueryRowContext(ctx, p.Key).Scan(&id)
	if err == nil {
		b.placeIDs[p.Key] = id
		return id, nil
	}
	if !errNoRows(err) {
		return 0, err
	}
	res, err := b.addPlace.ExecContext(ctx, placeRow(p)...)
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
	b.placeIDs[p.Key] = id
	return id, nil
}

// A new place's row, and its entry in the box index.
const (
	addPlaceSQL = `INSERT INTO places (key, geonameid, name, geonames_name, kind, country, admin1, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	addRTreeSQL = `INSERT INTO places_rtree (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)`
)

func placeRow(p *geo.Place) []any {
	return []any{p.Key, p.GeonameID, p.Name, p.OwnName(), p.Kind, p.Country, p.Admin1, p.Point.Lon(), p.Point.Lat()}
}
