package sqlite

import (
	"strings"

	"mentionmap/geo"
)

// ftsQuery renders a search as an FTS5 query. Every word is quoted, so no
// input can inject FTS5 syntax; geo.ParseQuery bounded its cost.
func ftsQuery(tq geo.TextQuery) string {
	var b strings.Builder
	for i, t := range tq.Terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		if t.Or {
			b.WriteString("OR ")
		}
		b.WriteString(`"` + strings.Join(t.Words, " ") + `"`)
		if t.Prefix {
			b.WriteByte('*')
		}
	}
	return b.String()
}
