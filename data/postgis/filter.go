package postgis

import (
	"strconv"
	"strings"

	"mentionmap/geo"
)

// where builds f's conditions over m (mentions), a (articles) and p
// (places), with bound parameters numbered from 1.
func where(f geo.Filter) (string, []any) {
	w := &conds{}
	if f.BBox != nil && !wholeWorld(f) {
		var boxes []string
		for _, b := range geo.SplitAntimeridian(*f.BBox) {
			boxes = append(boxes, "p.geom && ST_MakeEnvelope("+w.arg(b.Min.X())+", "+w.arg(b.Min.Y())+", "+w.arg(b.Max.X())+", "+w.arg(b.Max.Y())+", 4326)")
		}
		w.add("(" + strings.Join(boxes, " OR ") + ")")
	}
	if f.From != nil {
		w.add("m.time >= " + w.arg(*f.From))
	}
	if f.To != nil {
		w.add("m.time < " + w.arg(*f.To))
	}
	if !f.Query.IsZero() {
		w.add("a.id IN (SELECT article_id FROM article_search WHERE search @@ to_tsquery('simple', " + w.arg(tsQuery(f.Query)) + "))")
	}
	if f.Country != "" {
		w.add("p.country = " + w.arg(f.Country))
	}
	if f.Kind != "" {
		w.add("p.kind = " + w.arg(f.Kind))
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
	if f.PlaceID != 0 {
		w.add("p.id = " + w.arg(f.PlaceID))
	}
	if f.MentionID != 0 {
		w.add("m.id = " + w.arg(f.MentionID))
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
