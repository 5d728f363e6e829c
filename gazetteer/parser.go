package gazetteer

import "mentionmap/geo"

// Parser is the geoparser (geo.Geoparser and geo.LimitedParser). It reads
// texts against a Gazetteer, which is immutable and may be shared by many
// parsers, and owns what it learns of each source's locality. It is safe
// for concurrent use.
type Parser struct {
	g       *Gazetteer
	sources *localities // what each source's articles were about
	model   *Model      // the recognizer; nil keeps every resolved candidate
	taught  *lessons    // analysts' corrections by source (taught.go)
}

var (
	_ geo.Geoparser     = (*Parser)(nil)
	_ geo.LimitedParser = (*Parser)(nil)
	_ geo.BBoxes        = (*Parser)(nil)
	_ geo.PlaceFinder   = (*Parser)(nil)

	_ geo.CorrectionTeacher = (*Parser)(nil)
)

// PlaceBBox returns the extent of the area a place key names (see
// Gazetteer.PlaceBBox).
func (p *Parser) PlaceBBox(key string) *geo.BBox { return p.g.PlaceBBox(key) }

// FindPlaces finds gazetteer places by the start of a name (see
// Gazetteer.FindPlaces).
func (p *Parser) FindPlaces(q, country, kind string, limit int) []geo.Place {
	return p.g.FindPlaces(q, country, kind, limit)
}

// PlaceByKey returns the gazetteer place with a key (see
// Gazetteer.PlaceByKey).
func (p *Parser) PlaceByKey(key string) (geo.Place, bool) { return p.g.PlaceByKey(key) }

// NewParser returns a parser over g, with the embedded recognizer, that
// has learnt nothing yet.
func NewParser(g *Gazetteer) *Parser {
	m, err := DefaultModel()
	if err != nil {
		panic(err) // the embedded file is checked by the tests
	}
	return &Parser{g: g, sources: &localities{}, model: m, taught: &lessons{}}
}

// Model returns p's recognizer, or nil.
func (p *Parser) Model() *Model { return p.model }

// WithModel returns a parser like p, learning nothing yet, that
// recognises places with m; nil keeps every candidate the rules keep.
func (p *Parser) WithModel(m *Model) *Parser {
	return &Parser{g: p.g, sources: &localities{}, model: m, taught: &lessons{}}
}

// Parse finds the places text mentions, in text order. Offsets are bytes
// into text. It never fails: text it cannot read yields fewer mentions.
func (p *Parser) Parse(text string) []geo.Mention { return p.ParseFrom("", text) }

// ParseFrom is Parse for an article of source (a site or outlet; "" for
// none). It reads the source's locality, learnt from the articles of
// source parsed before, and then adds this article to it. Calls for one
// source must be made in order for the result not to depend on timing;
// calls for different sources may run concurrently.
func (p *Parser) ParseFrom(source, text string) []geo.Mention {
	ms, _ := p.parse(source, text, -1)
	return ms
}

// ParseLimited is ParseFrom that keeps at most max mentions. Past twice
// max candidate names it only counts them, without resolving or keeping
// them, so that a text naming one place 700,000 times costs little more
// memory than its words; omitted counts the mentions and candidates past
// max.
func (p *Parser) ParseLimited(source, text string, max int) (ms []geo.Mention, omitted int) {
	return p.parse(source, text, max)
}

// parse parses text; max < 0 keeps every mention.
func (p *Parser) parse(source, text string, max int) ([]geo.Mention, int) {
	g := p.g
	d := newDoc(text)
	defer d.release()
	spans := p.resolve(d, source, max, p.model != nil)
	if p.model != nil {
		spans = p.model.filter(g, d, spans)
	}
	g.rechoose(d, spans)
	spans = p.follow(source, spans)
	p.learn(source, spans)
	omitted := d.extraSpans
	if max >= 0 && len(spans) > max {
		spans, omitted = spans[:max], omitted+len(spans)-max
	}
	x := g.newExplainer(d, spans)
	out := make([]geo.Mention, 0, len(spans))
	sents := sentences{text: text}
	for i := range spans {
		s := &spans[i] // a span is some 200 bytes: not copied per mention
		out = append(out, geo.Mention{
			Why:        x.why(i),
			Start:      s.start,
			End:        s.end,
			Text:       text[s.start:s.end],
			Sentence:   sents.around(s.start, s.end),
			Confidence: s.confidence,
			Demonym:    g.isDemonym(s),
			Place:      g.placeAt(s.place),
		})
	}
	return out, omitted
}

// isDemonym reports whether the span names its place as an adjective.
func (g *Gazetteer) isDemonym(s *span) bool {
	for _, e := range s.entries {
		if e.place == s.place {
			return e.flags&flagDemonym != 0
		}
	}
	return false
}

// Candidate is a resolved name the rules keep, with the names of its
// features: an example for training the recognizer.
type Candidate struct {
	Start, End int // bytes
	Features   []string
	// Judged is false for the names the rules decide (see judged):
	// Features is then empty, and Kept says whether the rules keep it.
	Judged, Kept bool
}

// resolve spots and resolves d's names as an article of source, keeping at
// most 2·max candidates (max < 0: all), and the unbacked weak ones when
// keepUnbacked is set.
func (p *Parser) resolve(d *doc, source string, max int, keepUnbacked bool) []span {
	d.ev.home = p.sources.home(source, d.ev.home)
	d.maxSpans = -1
	if max >= 0 {
		d.maxSpans = 2 * max
	}
	return p.g.resolve(d, p.g.spot(d), keepUnbacked)
}

// Candidates parses text as ParseFrom does, without the recognizer, and
// describes every candidate. The source learns from the candidates that
// the rules keep.
func (p *Parser) Candidates(source, text string) []Candidate {
	g := p.g
	d := newDoc(text)
	defer d.release()
	spans := p.resolve(d, source, -1, true)
	var backed []span
	for _, s := range spans {
		if !s.unbacked {
			backed = append(backed, s)
		}
	}
	p.learn(source, backed)
	ctx := d.contexts(spans)
	f := featureSet{named: true}
	out := make([]Candidate, 0, len(spans))
	for i := range spans {
		s := &spans[i]
		c := Candidate{Start: s.start, End: s.end, Judged: judged(g, d, s), Kept: !s.unbacked}
		if c.Judged {
			g.spanFeatures(d, s, ctx[i], &f)
			c.Features = append([]string(nil), f.names...)
		}
		out = append(out, c)
	}
	return out
}
