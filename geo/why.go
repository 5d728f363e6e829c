package geo

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Stores keep a mention's Why as JSON text: StoredWhy writes it, and
// WhyColumn reads it back in a row scan. The stored form is compact, since
// every mention has one: [[candidates], [reasons]]. The candidate that is
// the mention's place is its score alone, the others
// [key, name, kind, country, admin1, score]; a reason is the number of one
// of whyPhrases, or its text. WhyColumn also reads the form stored before,
// a Why as encoding/json writes it.

// whyPhrases are the reasons without figures or names, stored by number:
// append only, since stored rows refer to them by position.
var whyPhrases = []string{
	"the only place of this name",
	"the largest or best-known place of this name",
	"the country of this name before any town",
	"the state or province of this name before any town",
	"the county or district of this name before any town",
	"the region of this name before any town",
	"the sea or river of this name before any town",
	"the airport of this name before any town",
	"the seat of the division of that name",
	"a dateline names a town",
	"an analyst's correction for this source",
}

var whyPhraseCodes = func() map[string]int {
	m := make(map[string]int, len(whyPhrases))
	for i, p := range whyPhrases {
		m[p] = i
	}
	return m
}()

// StoredWhy is the stored form of w for a mention of the place with key
// place: its JSON, or nil for none.
func StoredWhy(w *Why, place string) any {
	if w == nil {
		return nil
	}
	if form, ok := w.prepared(place); ok {
		return form
	}
	return string(w.appendStored(nil, place))
}

// prepared returns w's stored form for a mention of place, if
// prepareStored made it.
func (w *Why) prepared(place string) (string, bool) {
	return w.stored.form, w.stored.made && w.stored.place == place
}

// storedWhy is a Why's stored form for a mention of place.
type storedWhy struct {
	made  bool
	place string
	form  string
}

// prepareStored makes the stored forms of the Whys of a's mentions, as
// the article is parsed, on every core: a store's single writer then
// reads them instead of writing each. Only the parse that made a Why
// writes it, before the article is handed to the store.
func prepareStored(a *Article) {
	for i := range a.Mentions {
		m := &a.Mentions[i]
		if w := m.Why; w != nil && !w.stored.made {
			w.stored = storedWhy{made: true, place: m.Place.Key, form: string(w.appendStored(nil, m.Place.Key))}
		}
	}
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
	if form, ok := w.prepared(place); ok {
		return form // made as the article was parsed: no need to remember it
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

// appendStored writes the stored form of w, for a mention of place.
func (w *Why) appendStored(b []byte, place string) []byte {
	b = append(b, "[["...)
	for i := range w.Candidates {
		if i > 0 {
			b = append(b, ',')
		}
		c := &w.Candidates[i]
		if c.Key != place {
			b = append(b, '[')
			for _, s := range [...]string{c.Key, c.Name, c.Kind, c.Country, c.Admin1} { // an array: no allocation
				b = append(AppendJSONString(b, s), ',')
			}
		}
		b = appendFloat(b, c.Score)
		if c.Key != place {
			b = append(b, ']')
		}
	}
	b = append(b, "],["...)
	for i, r := range w.Reasons {
		if i > 0 {
			b = append(b, ',')
		}
		if n, ok := whyPhraseCodes[r]; ok {
			b = strconv.AppendInt(b, int64(n), 10)
		} else {
			b = AppendJSONString(b, r)
		}
	}
	return append(b, "]]"...)
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
	var w *Why
	var err error
	if len(b) > 0 && b[0] == '[' {
		w, err = c.parseStored(b)
	} else {
		w = new(Why)
		err = json.Unmarshal(b, w)
	}
	if err != nil {
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

// parseStored reads what appendStored wrote.
func (c WhyColumn) parseStored(b []byte) (*Why, error) {
	var raw [2][]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	w := &Why{Candidates: make([]Candidate, len(raw[0])), Reasons: make([]string, len(raw[1]))}
	for i, r := range raw[0] {
		k := &w.Candidates[i]
		if r[0] != '[' {
			if c.Place != nil {
				k.Key = c.Place.Key
			}
			if err := json.Unmarshal(r, &k.Score); err != nil {
				return nil, err
			}
			continue
		}
		fields := []any{&k.Key, &k.Name, &k.Kind, &k.Country, &k.Admin1, &k.Score}
		if err := json.Unmarshal(r, &fields); err != nil {
			return nil, err
		}
	}
	for i, r := range raw[1] {
		var n int
		if err := json.Unmarshal(r, &n); err == nil {
			if n < 0 || n >= len(whyPhrases) {
				return nil, fmt.Errorf("no reason numbered %d", n)
			}
			w.Reasons[i] = whyPhrases[n]
		} else if err := json.Unmarshal(r, &w.Reasons[i]); err != nil {
			return nil, err
		}
	}
	return w, nil
}
