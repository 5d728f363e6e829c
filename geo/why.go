package geo

import (
	"encoding/json"
	"fmt"
)

// Stores keep a mention's Why as JSON text: StoredWhy writes it, and
// WhyColumn reads it back in a row scan. The stored form leaves out what
// the mention's row holds already: the chosen candidate, when it is the
// mention's place, is kept as its key and score alone.

// StoredWhy is the stored form of w for a mention of the place with key
// place: its JSON, or nil for none.
func StoredWhy(w *Why, place string) any {
	if w == nil {
		return nil
	}
	return string(w.appendJSON(nil, place))
}

// WhyWriter gives the stored forms of the Whys of a batch, writing each
// once: the parser shares one Why among the mentions of a name that have
// one sense, and so one place.
type WhyWriter map[*Why]any

// Stored is StoredWhy(w, place), once per w.
func (ww WhyWriter) Stored(w *Why, place string) any {
	if w == nil {
		return nil
	}
	v, ok := ww[w]
	if !ok {
		v = StoredWhy(w, place)
		ww[w] = v
	}
	return v
}

// AppendJSON writes w as encoding/json would, without reflection: the
// mention features write one per mention.
func (w *Why) AppendJSON(b []byte) []byte { return w.appendJSON(b, "") }

// appendJSON is AppendJSON, with the candidate whose key is place written
// as its key and score alone.
func (w *Why) appendJSON(b []byte, place string) []byte {
	b = append(b, `{"candidates":[`...)
	for i := range w.Candidates {
		if i > 0 {
			b = append(b, ',')
		}
		c := &w.Candidates[i]
		if place != "" && c.Key == place {
			b = Object(b).Str("key", c.Key).Float("score", c.Score).Close()
			continue
		}
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

// WhyColumn scans a stored Why (JSON text, or NULL) into *Dst, filling
// the candidate that is the mention's place from *Place: the row's place
// columns must come before the why column, so that they are scanned first.
type WhyColumn struct {
	Dst   **Why
	Place *Place
}

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
	for i := range w.Candidates {
		if k := &w.Candidates[i]; c.Place != nil && k.Key == c.Place.Key && k.Name == "" {
			k.Name, k.Kind, k.Country, k.Admin1 = c.Place.Name, c.Place.Kind, c.Place.Country, c.Place.Admin1
		}
	}
	*c.Dst = w
	return nil
}
