package postgis

import (
	"strconv"
	"strings"

	"mentionmap/geo"
)

// where builds f's conditions over m (mentions), a (articles) and p
// (places), with bound parameters numbered from 1.
//
// What f asks of places selects (article, place) pairs from
// place_articles, whose mentions are then found through mentions_article:
// mentions have no index by place. A mention has its article's time, so
// the range is tested on a.time, which articles_time serves for a
// newest-first walk, and on the pairs' time too.
func where(f geo.Filter) (string, []any) {
	cond, _, args := conditions(f, semiJoin)
	return cond, args
}

// How a query reaches the mentions of the places that a filter selects.
type placeAccess int

const (
	semiJoin  placeAccess = iota // (m.article_id, m.place_id) IN pairs
	walk                         // m.place_id IN places: a newest-first walk tests each mention
	pairsJoin                    // the query reads the pairs first, and joins their mentions
)

// conditions builds f's conditions for a query that reaches places by;
// for pairsJoin, pairs is the condition on place_articles, apart.
func conditions(f geo.Filter, by placeAccess) (cond, pairs string, args []any) {
	w := &conds{}
	var onPairs []string
	places := w.places(f, "")
	if len(places) > 0 {
		set := "place_id IN (SELECT id FROM places WHERE " + strings.Join(places, " AND ") + ")"
		if by == walk {
			w.add("m." + set)
		} else {
			onPairs = append(onPairs, set)
		}
	}
	if f.PlaceID != 0 {
		onPairs = append(onPairs, "place_id = "+w.arg(f.PlaceID))
	}
	if f.From != nil {
		from := w.arg(*f.From)
		w.add("a.time >= " + from)
		onPairs = append(onPairs, "time >= "+from)
	}
	if f.To != nil {
		to := w.arg(*f.To)
		w.add("a.time < " + to)
		onPairs = append(onPairs, "time < "+to)
	}
	switch {
	case len(places) == 0 && f.PlaceID == 0:
	case by == pairsJoin:
		pairs = strings.Join(onPairs, " AND ")
	case by == semiJoin || f.PlaceID != 0:
		w.add("(m.article_id, m.place_id) IN (SELECT article_id, place_id FROM place_articles WHERE " + strings.Join(onPairs, " AND ") + ")")
	}
	if !f.Query.IsZero() {
		w.add("a.id IN (SELECT article_id FROM article_search WHERE search @@ to_tsquery('simple', " + w.arg(tsQuery(f.Query)) + "))")
	}
	if f.Source != "" {
		w.add("a.source = " + w.arg(f.Source))
	}
	if f.MinConfidence > 0 {
		w.add("m.confidence >= " + w.arg(f.MinConfidence))
	}
	if f.NoDemonyms {
		w.add("NOT m.demonym")
	}
	if f.Focus {
		w.add("m.focus")
	}
	if f.DistinctStories {
		w.add("NOT m.reprint")
	}
	if f.MentionID != 0 {
		w.add("m.id = " + w.arg(f.MentionID))
	}
	if len(w.sql) == 0 {
		return "true", pairs, w.args
	}
	return strings.Join(w.sql, " AND "), pairs, w.args
}

// placeWhere builds f's conditions for a listing of places: over the
// totals per place (alias p, and totals true) when f asks only of places,
// since they always equal a recount; else over the mentions, as where.
func placeWhere(f geo.Filter) (totals bool, cond string, args []any) {
	if placeOnly(f) {
		cond, args = wherePlace(f)
		return true, cond, args
	}
	cond, args = where(f)
	return false, cond, args
}

// wherePlace builds what f asks of a place (alias p): for a filter that
// asks nothing else (placeOnly).
func wherePlace(f geo.Filter) (string, []any) {
	w := &conds{}
	w.sql = w.places(f, "p.")
	if f.PlaceID != 0 {
		w.add("p.id = " + w.arg(f.PlaceID))
	}
	if len(w.sql) == 0 {
		return "true", nil
	}
	return strings.Join(w.sql, " AND "), w.args
}

type conds struct {
	sql  []string
	args []any
}

// places returns f's conditions on the box, country and kind of a place,
// over columns named with prefix.
func (c *conds) places(f geo.Filter, prefix string) []string {
	var out []string
	if f.BBox != nil && !wholeWorld(f) {
		var boxes []string
		for _, b := range geo.SplitAntimeridian(*f.BBox) {
			boxes = append(boxes, prefix+"geom && ST_MakeEnvelope("+c.arg(b.Min.X())+", "+c.arg(b.Min.Y())+", "+c.arg(b.Max.X())+", "+c.arg(b.Max.Y())+", 4326)")
		}
		out = append(out, "("+strings.Join(boxes, " OR ")+")")
	}
	if f.Country != "" {
		out = append(out, prefix+"country = "+c.arg(f.Country))
	}
	if f.Kind != "" {
		out = append(out, prefix+"kind = "+c.arg(f.Kind))
	}
	return out
}

func (c *conds) add(s string) { c.sql = append(c.sql, s) }

// arg binds v and returns its placeholder.
func (c *conds) arg(v any) string {
	c.args = append(c.args, v)
	return "$" + strconv.Itoa(len(c.args))
}

// page appends f's LIMIT and OFFSET (no limit when f has none).
func page(q string, args []any, f geo.Filter) (string, []any) {
	var limit any
	if f.Limit > 0 {
		limit = f.Limit
	}
	n := len(args)
	return q + " LIMIT $" + strconv.Itoa(n+1) + " OFFSET $" + strconv.Itoa(n+2), append(args, limit, f.Offset)
}

func wholeWorld(f geo.Filter) bool {
	b := f.BBox
	return b.Min.X() <= -180 && b.Max.X() >= 180 && b.Min.Y() <= -90 && b.Max.Y() >= 90
}

// tsQuery renders a search as a tsquery: words ANDed, OR between terms, a
// phrase's words joined by <->, and :* on a prefix. Words hold only letters
// and digits (geo.ParseQuery), so none carries tsquery syntax.
func tsQuery(tq geo.TextQuery) string {
	var b strings.Builder
	for i, t := range tq.Terms {
		switch {
		case i > 0 && t.Or:
			b.WriteString(" | ")
		case i > 0:
			b.WriteString(" & ")
		}
		b.WriteString("(")
		for j, w := range t.Words {
			if j > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString("'" + strings.ToLower(w) + "'")
		}
		if t.Prefix {
			b.WriteString(":*")
		}
		b.WriteString(")")
	}
	return b.String()
}
