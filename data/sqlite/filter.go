package sqlite

import (
	"context"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// whereScan builds the SQL conditions of f for the newest-first walk
// (features.go), over the aliases t (the walk's articles), m (mentions), a
// (articles) and p (places). Values are always bound parameters. The bbox
// test is written so that SQLite cannot drive the query from it
// ("+m.place_id"), and keeps to the walk.
func (s *Store) whereScan(ctx context.Context, f geo.Filter) (string, []any, error) {
	return s.conditions(ctx, f, true)
}

// whereMentions is whereScan over m alone: what it asks of an article or a
// place becomes a subquery, so a query need not join either per mention.
func (s *Store) whereMentions(ctx context.Context, f geo.Filter) (string, []any, error) {
	return s.conditions(ctx, f, false)
}

// conditions builds whereScan's conditions for the walk, else
// whereMentions'. For a filter that searches the text, it first waits
// until the search index holds every article committed so far.
func (s *Store) conditions(ctx context.Context, f geo.Filter, walk bool) (string, []any, error) {
	alone := !walk
	place, article := "p.", "a."
	if alone {
		place, article = "m.place_id IN (SELECT id FROM places WHERE ", "m.article_id IN (SELECT id FROM articles WHERE "
	}
	wrap := func(c string) string {
		if alone {
			return c + ")"
		}
		return c
	}
	var conds []string
	var args []any
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	var pa placeArticles
	if f.BBox != nil {
		col := "m.place_id"
		if walk {
			col = "+m.place_id"
		}
		c, a := inBox(col, *f.BBox)
		add(c, a...)
		c, a = inBox("place_id", *f.BBox)
		pa.add(c, a...)
	}
	// A mention has its article's time, and mentions have no time index
	// (migration 0009): a newest-first walk tests the article's time, and
	// so does a filter on mentions alone with no place to start from, which
	// starts from the articles of the range instead.
	switch noPlace := f.BBox == nil && f.PlaceID == 0 && f.MentionID == 0 && f.Country == "" && f.Kind == ""; {
	case f.From == nil && f.To == nil:
	case walk:
		c, a := articleTimes(f, "t.time")
		add(c, a...)
	case noPlace:
		c, a := articleTimes(f, "time")
		add("m.article_id IN (SELECT id FROM articles WHERE "+c+")", a...)
	default:
		if f.From != nil {
			add("m.time >= ?", f.From.Unix())
		}
		if f.To != nil {
			add("m.time < ?", f.To.Unix())
		}
	}
	if !f.Query.IsZero() {
		q := ftsQuery(f.Query)
		if err := s.search.caughtUp(ctx); err != nil {
			return "", nil, err
		}
		add("m.article_id IN (SELECT rowid FROM search.articles_fts WHERE articles_fts MATCH ?)", q)
	}
	if f.Country != "" {
		add(wrap(place+"country = ?"), f.Country)
		pa.add("place_id IN (SELECT id FROM places WHERE country = ?)", f.Country)
	}
	if f.Kind != "" {
		add(wrap(place+"kind = ?"), f.Kind)
		pa.add("place_id IN (SELECT id FROM places WHERE kind = ?)", f.Kind)
	}
	if f.Source != "" {
		add(wrap(article+"source = ?"), f.Source)
	}
	if f.MinConfidence > 0 {
		add("m.confidence >= ?", f.MinConfidence)
	}
	if f.NoDemonyms {
		conds = append(conds, "m.demonym = 0")
	}
	if f.Focus {
		conds = append(conds, "m.focus = 1")
	}
	if f.DistinctStories {
		conds = append(conds, "m.reprint = 0")
	}
	if f.PlaceID != 0 {
		add("m.place_id = ?", f.PlaceID)
		pa.add("place_id = ?", f.PlaceID)
	}
	if f.MentionID != 0 {
		add("m.id = ?", f.MentionID)
	}
	if alone && len(pa.conds) > 0 && f.MentionID == 0 {
		c, a := pa.articles(f)
		add(c, a...)
	}
	if len(conds) == 0 {
		return "1", nil, nil
	}
	return strings.Join(conds, " AND "), args, nil
}

// placeArticles gathers what a filter asks of a mention's place, as
// conditions on place_articles.place_id. Each (article, place) pair that
// meets them leads a query on mentions alone to the mentions of that
// place in that article, one seek of mentions_article (article_id,
// place_id) a pair: mentions have no index by place (migration 0020).
type placeArticles struct {
	conds []string
	args  []any
}

func (pa *placeArticles) add(c string, a ...any) {
	pa.conds, pa.args = append(pa.conds, c), append(pa.args, a...)
}

// articles is the condition "m is a mention of such a place, in an
// article of f's time range".
func (pa *placeArticles) articles(f geo.Filter) (string, []any) {
	conds, args := slices.Clone(pa.conds), slices.Clone(pa.args)
	if f.From != nil {
		conds, args = append(conds, "time >= ?"), append(args, f.From.Unix())
	}
	if f.To != nil {
		conds, args = append(conds, "time < ?"), append(args, f.To.Unix())
	}
	return "(m.article_id, m.place_id) IN (SELECT article_id, place_id FROM place_articles WHERE " + strings.Join(conds, " AND ") + ")", args
}

// articleTimes is f's time range over col, an article's time: the
// articles' time index answers it.
func articleTimes(f geo.Filter, col string) (string, []any) {
	var conds []string
	var args []any
	if f.From != nil {
		conds, args = append(conds, col+" >= ?"), append(args, formatTime(*f.From))
	}
	if f.To != nil {
		conds, args = append(conds, col+" < ?"), append(args, formatTime(*f.To))
	}
	return strings.Join(conds, " AND "), args
}

// inBox is the condition "col lies in b", through the R*Tree, with its
// arguments; a box crossing the antimeridian becomes two.
func inBox(col string, b orb.Bound) (string, []any) {
	var boxes []string
	var args []any
	for _, part := range geo.SplitAntimeridian(b) {
		boxes = append(boxes, "(minx >= ? AND maxx <= ? AND miny >= ? AND maxy <= ?)")
		args = append(args, part.Min.X(), part.Max.X(), part.Min.Y(), part.Max.Y())
	}
	return col + " IN (SELECT id FROM places_rtree WHERE " + strings.Join(boxes, " OR ") + ")", args
}

// simplify drops a bbox that covers the whole world: it selects nothing
// out, and querying the spatial index for it costs more than no filter.
func simplify(f geo.Filter) geo.Filter {
	if f.BBox != nil && f.BBox.Min.X() <= -180 && f.BBox.Max.X() >= 180 && f.BBox.Min.Y() <= -90 && f.BBox.Max.Y() >= 90 {
		f.BBox = nil
	}
	return f
}

// placeOnly reports whether f selects places only by where and what they
// are, so per-place totals answer it without reading mentions.
func placeOnly(f geo.Filter) bool {
	return f.From == nil && f.To == nil && f.Query.IsZero() && f.Source == "" && f.MinConfidence == 0 &&
		!f.NoDemonyms && f.MentionID == 0 && !f.Focus && !f.DistinctStories
}

// placeWhere builds the conditions of a place-only filter over p.
func placeWhere(f geo.Filter) (string, []any) {
	conds, args := []string{"1"}, []any{}
	if f.BBox != nil {
		c, a := inBox("p.id", *f.BBox)
		conds, args = append(conds, c), append(args, a...)
	}
	if f.Country != "" {
		conds, args = append(conds, "p.country = ?"), append(args, f.Country)
	}
	if f.Kind != "" {
		conds, args = append(conds, "p.kind = ?"), append(args, f.Kind)
	}
	if f.PlaceID != 0 {
		conds, args = append(conds, "p.id = ?"), append(args, f.PlaceID)
	}
	return strings.Join(conds, " AND "), args
}

// page returns LIMIT/OFFSET arguments; a zero limit means no limit.
func page(f geo.Filter) []any {
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	return []any{limit, f.Offset}
}
