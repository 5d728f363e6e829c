package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"mentionmap/geo"
)

// timeFormat is how times reach the API, as the SQLite store writes them.
const timeFormat = "2006-01-02T15:04:05Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

// placeCols reads a place (alias p).
const placeCols = `p.id, p.key, COALESCE(p.geonameid, 0), p.name, p.geonames_name, p.kind, p.country, p.admin1, ST_X(p.geom), ST_Y(p.geom)`

func placeDest(p *geo.Place) []any {
	return []any{&p.ID, &p.Key, &p.GeonameID, &p.Name, &p.GazetteerName, &p.Kind, &p.Country, &p.Admin1, &p.Point[0], &p.Point[1]}
}

// mentionCols reads a mention (alias m), its place (p), and its sentence
// from its article's text (a).
const mentionCols = `m.id, m.article_id, m.start, m."end", m.text, mention_sentence(m.sentence, a.text, m.sentence_start, m.sentence_end),
	m.confidence, m.demonym, m.focus, ` + placeCols + `, m.why::text`

func mentionDest(m *geo.Mention) []any {
	return append([]any{&m.ID, &m.ArticleID, &m.Start, &m.End, &m.Text, &m.Sentence, &m.Confidence, &m.Demonym, &m.Focus},
		append(placeDest(&m.Place), geo.WhyColumn{Dst: &m.Why, Place: &m.Place})...)
}

// matching is the join that f's conditions are written over.
const matching = ` FROM mentions m JOIN articles a ON a.id = m.article_id JOIN places p ON p.id = m.place_id WHERE `

// stream runs a query and calls row for each result row; an error from
// row is returned as it is.
func (s *Store) stream(ctx context.Context, what, q string, args []any, row func(pgx.Rows) error) error {
	return streamFrom(ctx, s.reader(ctx), what, q, args, row)
}

// streamFrom is stream on a chosen pool.
func streamFrom(ctx context.Context, db *pgxpool.Pool, what, q string, args []any, row func(pgx.Rows) error) error {
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return failed(what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return failed(what, err)
	}
	return nil
}

// PlaceSummaries calls fn for each place with mentions matching f, most
// mentioned first, with its totals and its three newest articles.
func (s *Store) PlaceSummaries(ctx context.Context, f geo.Filter, fn func(*geo.PlaceSummary) error) error {
	ctx, err := s.searchable(ctx, f)
	if err != nil {
		return err
	}
	totals, cond, args := placeWhere(f)
	q := countedPlaces(cond)
	if totals {
		q = `SELECT ` + placeCols + `, ps.mentions, ps.articles, ps.stories, ps.first, ps.last, ps.latest
		FROM place_stats ps JOIN places p ON p.id = ps.place_id WHERE ` + cond + ` ORDER BY ps.mentions DESC, p.id`
	}
	q, args = page(q, args, f)
	return s.placeSummaries(ctx, q, args, fn)
}

// countedPlaces totals the mentions that cond selects per place.
func countedPlaces(cond string) string {
	return `WITH pa AS (SELECT m.place_id, m.article_id, max(m.time) AS time, count(*) AS n, bool_or(m.reprint) AS reprint` +
		matching + cond + ` GROUP BY m.place_id, m.article_id),
		ps AS (SELECT place_id, sum(n)::bigint AS mentions, count(*) AS articles, count(*) FILTER (WHERE NOT reprint) AS stories,
			min(time) AS first, max(time) AS last,
			(array_agg(article_id ORDER BY time DESC, article_id DESC))[1:3] AS latest FROM pa GROUP BY place_id)
		SELECT ` + placeCols + `, ps.mentions, ps.articles, ps.stories, ps.first, ps.last, ps.latest
		FROM ps JOIN places p ON p.id = ps.place_id ORDER BY ps.mentions DESC, p.id`
}

// placeSummaries reads place rows with their totals and latest article
// ids, then the articles' short forms.
func (s *Store) placeSummaries(ctx context.Context, q string, args []any, fn func(*geo.PlaceSummary) error) error {
	type row struct {
		ps     geo.PlaceSummary
		latest []int64
	}
	var out []row
	var ids []int64
	err := s.stream(ctx, "features", q, args, func(rows pgx.Rows) error {
		var r row
		var first, last time.Time
		if err := rows.Scan(append(placeDest(&r.ps.Place), &r.ps.Mentions, &r.ps.Articles, &r.ps.Stories, &first, &last, &r.latest)...); err != nil {
			return failed("features", err)
		}
		r.ps.FirstSeen, r.ps.LastSeen = formatTime(first), formatTime(last)
		out, ids = append(out, r), append(ids, r.latest...)
		return nil
	})
	if err != nil {
		return err
	}
	refs, err := s.refs(ctx, ids)
	if err != nil {
		return err
	}
	for i := range out {
		out[i].ps.Latest = make([]geo.ArticleRef, 0, len(out[i].latest))
		for _, id := range out[i].latest {
			out[i].ps.Latest = append(out[i].ps.Latest, refs[id])
		}
		if err := fn(&out[i].ps); err != nil {
			return err
		}
	}
	return nil
}

// PlacePoints calls fn for each place with mentions matching f, with its
// mention count: the input of the cluster index.
func (s *Store) PlacePoints(ctx context.Context, f geo.Filter, fn func(*geo.ClusterPoint) error) error {
	ctx, err := s.searchable(ctx, f)
	if err != nil {
		return err
	}
	totals, cond, args := placeWhere(f)
	q := `SELECT p.id, ST_X(p.geom), ST_Y(p.geom), p.name, p.kind, p.country, count(*)` + matching + cond + ` GROUP BY p.id`
	if totals {
		q = `SELECT p.id, ST_X(p.geom), ST_Y(p.geom), p.name, p.kind, p.country, ps.mentions
			FROM place_stats ps JOIN places p ON p.id = ps.place_id WHERE ` + cond
	}
	return s.stream(ctx, "places", q, args, func(rows pgx.Rows) error {
		var c geo.ClusterPoint
		if err := rows.Scan(&c.ID, &c.Point[0], &c.Point[1], &c.Name, &c.Kind, &c.Country, &c.Mentions); err != nil {
			return failed("places", err)
		}
		return fn(&c)
	})
}

// CountMentions counts what Mentions returns for f without paging.
func (s *Store) CountMentions(ctx context.Context, f geo.Filter) (int, error) {
	if placeOnly(f) {
		return s.fromTotals(ctx, "COALESCE(sum(ps.mentions), 0)", f)
	}
	return s.count(ctx, "count(*)", f)
}

// CountPlaces counts what PlaceSummaries returns for f without paging.
func (s *Store) CountPlaces(ctx context.Context, f geo.Filter) (int, error) {
	if placeOnly(f) {
		return s.fromTotals(ctx, "count(*)", f)
	}
	return s.count(ctx, "count(DISTINCT m.place_id)", f)
}

// fromTotals evaluates expr over the totals of the places that f, a
// filter on places alone, selects: they always equal a recount.
func (s *Store) fromTotals(ctx context.Context, expr string, f geo.Filter) (int, error) {
	cond, args := wherePlace(f)
	var n int
	err := s.reader(ctx).QueryRow(ctx, `SELECT `+expr+` FROM place_stats ps JOIN places p ON p.id = ps.place_id WHERE `+cond, args...).Scan(&n)
	if err != nil {
		return 0, failed("count", err)
	}
	return n, nil
}

func (s *Store) count(ctx context.Context, expr string, f geo.Filter) (int, error) {
	ctx, err := s.searchable(ctx, f)
	if err != nil {
		return 0, err
	}
	cond, args := where(f)
	var n int
	if err := s.reader(ctx).QueryRow(ctx, `SELECT `+expr+matching+cond, args...).Scan(&n); err != nil {
		return 0, failed("count", err)
	}
	return n, nil
}

// Extent returns the bounding box of the stored places and the time span
// of the mentions.
func (s *Store) Extent(ctx context.Context) (geo.Extent, error) {
	var e geo.Extent
	var minx, miny, maxx, maxy *float64
	var start, end *time.Time
	db := s.reader(ctx)
	err := db.QueryRow(ctx, `SELECT ST_XMin(x), ST_YMin(x), ST_XMax(x), ST_YMax(x) FROM (SELECT ST_Extent(geom) AS x FROM places) e`).
		Scan(&minx, &miny, &maxx, &maxy)
	if err == nil {
		// The totals per place hold each place's first and last mention.
		err = db.QueryRow(ctx, `SELECT min(first), max(last) FROM place_stats`).Scan(&start, &end)
	}
	if err != nil {
		return e, failed("extent", err)
	}
	e.BBox.Min[0], e.BBox.Min[1], e.BBox.Max[0], e.BBox.Max[1] = -180, -90, 180, 90
	if minx != nil {
		e.BBox.Min[0], e.BBox.Min[1], e.BBox.Max[0], e.BBox.Max[1] = *minx, *miny, *maxx, *maxy
	}
	if start != nil {
		e.Start, e.End = formatTime(*start), formatTime(*end)
	}
	return e, nil
}
