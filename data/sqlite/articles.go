package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"mentionmap/geo"
)

const articleCols = `a.id, COALESCE(a.url, ''), a.title, a.source, a.published, a.ingested, a.hash, a.mentions_omitted, ` + storyOf

func scanArticle(sc interface{ Scan(...any) error }, a *geo.Article, extra ...any) error {
	var published sql.NullString
	var ingested string
	dest := append([]any{&a.ID, &a.URL, &a.Title, &a.Source, &published, &ingested, &a.Hash, &a.MentionsOmitted, &a.Story}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return err
	}
	a.Ingested, _ = time.Parse(timeFormat, ingested)
	if published.Valid {
		t, err := time.Parse(timeFormat, published.String)
		if err == nil {
			a.Published = &t
		}
	}
	return nil
}

// Article returns an article with its text and a page of its mentions, in
// the order of the text.
func (s *Store) Article(ctx context.Context, id int64, limit, offset int) (*geo.Article, error) {
	var a geo.Article
	row := s.r.QueryRowContext(ctx, `SELECT `+articleCols+`, a.text, (SELECT count(*) FROM mentions WHERE article_id = a.id)
		FROM articles a WHERE a.id = ?`, id)
	if err := scanArticle(row, &a, &a.Text, &a.MentionCount); errors.Is(err, sql.ErrNoRows) {
		return nil, geo.Errorf(geo.ENOTFOUND, "article %d not found", id)
	} else if err != nil {
		return nil, failed("article", err)
	}
	if err := s.focusPlaces(ctx, &a); err != nil {
		return nil, err
	}
	a.Mentions = []geo.Mention{}
	err := s.stream(ctx, "mentions", `SELECT `+mentionCols+` FROM mentions m JOIN places p ON p.id = m.place_id
		JOIN articles a ON a.id = m.article_id WHERE m.article_id = ? ORDER BY m.start LIMIT ? OFFSET ?`, []any{id, limit, offset}, func(rows *sql.Rows) error {
		var m geo.Mention
		if err := scanMention(rows, &m); err != nil {
			return failed("mentions", err)
		}
		a.Mentions = append(a.Mentions, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// focusPlaces reads the places of a's focus mentions into a.Focus.
func (s *Store) focusPlaces(ctx context.Context, a *geo.Article) error {
	return s.stream(ctx, "article", `SELECT `+placeCols+` FROM places p WHERE p.id IN
		(SELECT place_id FROM mentions WHERE article_id = ? AND focus = 1) ORDER BY p.id`, []any{a.ID}, func(rows *sql.Rows) error {
		var p geo.Place
		if err := rows.Scan(placeDest(&p)...); err != nil {
			return failed("article", err)
		}
		a.Focus = append(a.Focus, p)
		return nil
	})
}

// Articles lists articles newest first, without their text.
func (s *Store) Articles(ctx context.Context, limit, offset int) ([]geo.Article, error) {
	out := []geo.Article{}
	err := s.stream(ctx, "articles", `SELECT `+articleCols+`, (SELECT count(*) FROM mentions WHERE article_id = a.id)
		FROM articles a ORDER BY a.time DESC, a.id DESC LIMIT ? OFFSET ?`, []any{limit, offset}, func(rows *sql.Rows) error {
		var a geo.Article
		if err := scanArticle(rows, &a, &a.MentionCount); err != nil {
			return failed("articles", err)
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

const placeCols = `p.id, p.key, p.geonameid, p.name, p.geonames_name, p.kind, p.country, p.admin1, p.lon, p.lat`

func placeDest(p *geo.Place) []any {
	return []any{&p.ID, &p.Key, &p.GeonameID, &p.Name, &p.GazetteerName, &p.Kind, &p.Country, &p.Admin1, &p.Point[0], &p.Point[1]}
}

// mentionCols reads a mention and its place. Its sentence is its span of
// the article's text (the query joins the article as a), or the copy
// kept when it is not in the text (migration 0008).
const mentionCols = `m.id, m.article_id, m.start, m.end, m.text,
	COALESCE(m.sentence, CAST(substr(CAST(a.text AS BLOB), m.sentence_start + 1, m.sentence_end - m.sentence_start) AS TEXT)),
	m.confidence, m.demonym, m.focus, ` + placeCols + `, m.why`

func scanMention(sc interface{ Scan(...any) error }, m *geo.Mention, extra ...any) error {
	dest := append([]any{&m.ID, &m.ArticleID, &m.Start, &m.End, &m.Text, &m.Sentence, &m.Confidence, &m.Demonym, &m.Focus},
		append(placeDest(&m.Place), geo.WhyColumn{Dst: &m.Why, Place: &m.Place})...)
	return sc.Scan(append(dest, extra...)...)
}

// Place returns a stored place and its most recent mentions.
func (s *Store) Place(ctx context.Context, id int64, recent int) (*geo.Place, []geo.MentionRow, error) {
	var p geo.Place
	err := s.r.QueryRowContext(ctx, `SELECT `+placeCols+` FROM places p WHERE p.id = ?`, id).Scan(placeDest(&p)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, geo.Errorf(geo.ENOTFOUND, "place %d not found", id)
	} else if err != nil {
		return nil, nil, failed("place", err)
	}
	rows := []geo.MentionRow{}
	err = s.mentions(ctx, geo.Filter{PlaceID: id, Limit: recent}, false, func(r *geo.MentionRow) error {
		rows = append(rows, *r)
		return nil
	})
	return &p, rows, err
}
