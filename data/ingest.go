package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"mentionmap/geo"
)

// timeFormat sorts as text: fixed width, UTC.
const timeFormat = "2006-01-02T15:04:05Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

// Hash is the content hash that deduplicates articles.
func Hash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// Ingest stores a with its mentions in one transaction. When an article
// with the same URL or the same text exists, it is loaded into a and
// created is false. a.ID, a.Hash and a.Ingested are set.
func (s *Store) Ingest(ctx context.Context, a *geo.Article) (created bool, err error) {
	if a.Text == "" {
		return false, geo.Errorf(geo.EINVALID, "article text is empty")
	}
	a.Hash = Hash(a.Text)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return false, geo.Errorf(geo.EINTERNAL, "begin: %v", err)
	}
	defer tx.Rollback()
	id, err := existing(ctx, tx, a)
	if err != nil {
		return false, err
	}
	if id != 0 {
		tx.Rollback()
		got, err := s.Article(ctx, id)
		if err != nil {
			return false, err
		}
		*a = *got
		return false, nil
	}
	newPlaces, err := s.insert(ctx, tx, a)
	if err != nil {
		return false, geo.Errorf(geo.EINTERNAL, "ingest: %v", err)
	}
	if err := tx.Commit(); err != nil {
		return false, geo.Errorf(geo.EINTERNAL, "commit: %v", err)
	}
	s.remember(newPlaces)
	return true, nil
}

// existing returns the id of an article with a's URL or text, or 0.
func existing(ctx context.Context, tx *sql.Tx, a *geo.Article) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx,
		`SELECT id FROM articles WHERE hash = ? OR (url IS NOT NULL AND url = ?) LIMIT 1`,
		a.Hash, nullString(a.URL)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, geo.Errorf(geo.EINTERNAL, "lookup: %v", err)
	}
	return id, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// insert writes the article, its full-text entry, new places and mentions.
// It returns the places it inserted, to cache after commit.
func (s *Store) insert(ctx context.Context, tx *sql.Tx, a *geo.Article) (map[string]int64, error) {
	a.Ingested = time.Now().UTC().Truncate(time.Second)
	var published any
	if a.Published != nil {
		published = formatTime(*a.Published)
	}
	t := formatTime(a.Time())
	res, err := tx.ExecContext(ctx,
		`INSERT INTO articles (url, title, source, published, ingested, time, text, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		nullString(a.URL), a.Title, a.Source, published, formatTime(a.Ingested), t, a.Text, a.Hash)
	if err != nil {
		return nil, err
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`, a.ID, a.Title, a.Text); err != nil {
		return nil, err
	}
	newPlaces := map[string]int64{}
	stmt, err := tx.PrepareContext(ctx,
		`INSERT INTO mentions (article_id, place_id, start, end, text, sentence, confidence, demonym, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	for i := range a.Mentions {
		m := &a.Mentions[i]
		if m.Place.ID, err = s.placeID(ctx, tx, &m.Place, newPlaces); err != nil {
			return nil, err
		}
		res, err := stmt.ExecContext(ctx, a.ID, m.Place.ID, m.Start, m.End, m.Text, m.Sentence, m.Confidence, m.Demonym, t)
		if err != nil {
			return nil, err
		}
		m.ArticleID = a.ID
		if m.ID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE meta SET version = version + 1`)
	return newPlaces, err
}

// placeID returns the stored id of p, inserting it and its index entry
// when it is new.
func (s *Store) placeID(ctx context.Context, tx *sql.Tx, p *geo.Place, newPlaces map[string]int64) (int64, error) {
	if id, ok := newPlaces[p.Key]; ok {
		return id, nil
	}
	s.mu.Lock()
	id, ok := s.places[p.Key]
	s.mu.Unlock()
	if ok {
		return id, nil
	}
	err := tx.QueryRowContext(ctx, `SELECT id FROM places WHERE key = ?`, p.Key).Scan(&id)
	if err == nil {
		newPlaces[p.Key] = id
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	res, err := tx.ExecContext(ctx,
		`INSERT INTO places (key, geonameid, name, kind, country, admin1, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		p.Key, p.GeonameID, p.Name, p.Kind, p.Country, p.Admin1, p.Point.Lon(), p.Point.Lat())
	if err != nil {
		return 0, err
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	x, y := p.Point.Lon(), p.Point.Lat()
	if _, err := tx.ExecContext(ctx, `INSERT INTO places_rtree (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)`, id, x, x, y, y); err != nil {
		return 0, err
	}
	newPlaces[p.Key] = id
	return id, nil
}

// remember caches the ids of places a committed transaction stored.
func (s *Store) remember(ps map[string]int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, id := range ps {
		s.places[k] = id
	}
}
