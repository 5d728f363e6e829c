package geo

import (
	"encoding/json"
	"fmt"
)

// Stores keep a mention's Why as JSON text: StoredWhy writes it, and
// WhyColumn reads it back in a row scan.

// StoredWhy is the stored form of w: its JSON, or nil for none.
func StoredWhy(w *Why) any {
	if w == nil {
		return nil
	}
	return string(w.AppendJSON(nil))
}

// WhyWriter gives the stored forms of the Whys of a batch, writing each
// once: the parser shares one Why among the mentions of a name that have
// one sense.
type WhyWriter map[*Why]any

// Stored is StoredWhy(w), once per w.
func (ww WhyWriter) Stored(w *Why) any {
	if w == nil {
		return nil
	}
	v, ok := ww[w]
	if !ok {
		v = StoredWhy(w)
		ww[w] = v
	}
	return v
}

// AppendJSON writes w as encoding/json would, without reflection: ingest
// writes one per mention.
func (w *Why) AppendJSON(b []byte) []byte {
	b = append(b, `{"candidates":[`...)
	for i := range w.Candidates {
		if i > 0 {
			b = append(b, ',')
		}
		c := &w.Candidates[i]
		o := Object(b).Str("key", c.Key).Str("name", c.Name).Str("kind", c.Kind)
		if c.Country != "" {
			o.Str("country", c.Country)
		}
		if c.Admin1 != "" {
			o.Str("admin1", c.Admin1)
		}
		b = o.Float("score", c.Score).Close()
	}
	b = append(b, `],"reasons":[`...)
	for i, r := range w.Reasons {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendJSONString(b, r)
	}
	return append(b, ']', '}')
}

// WhyColumn scans a stored Why (JSON text, or NULL) into *Dst.
type WhyColumn struct{ Dst **Why }

// Scan implements sql.Scanner.
func (c WhyColumn) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*c.Dst = nil
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("why: cannot read %T", src)
	}
	w := new(Why)
	if err := json.Unmarshal(b, w); err != nil {
		return fmt.Errorf("why: %w", err)
	}
	*c.Dst = w
	return nil
}
