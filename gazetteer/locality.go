package gazetteer

import (
	"sync"

	"mentionmap/geo"
)

// Local news names its own towns without their state: "MANSFIELD — The
// City Council ..." in a Fort Worth paper is Mansfield, Texas, not the
// larger Mansfield in England. The geoparser therefore remembers, per
// source, the countries and first-level divisions that its articles'
// places resolved to, and lends the areas that dominate them to the
// source's later articles as weak evidence. What an article says itself
// still outweighs it; a source that covers the world dominates no area
// and gets nothing.

// Locality tuning.
const (
	homeWeight   = 0.6    // evidence lent by an area that every article of the source is about
	homeShare    = 0.3    // the share of a source's articles an area needs to be lent
	homeArticles = 2      // the articles a source needs before its locality is used
	homeSlots    = 16     // areas remembered per source; a new one replaces the weakest
	maxSources   = 20_000 // sources remembered; one-article sources are forgotten first
	learnConf    = 0.75   // the confidence a mention needs to teach a locality
)

// locality is what a source's earlier articles were about: per area, the
// summed share of each article's confident places that lie in it. An area
// that a third of the articles are about is never the weakest of the
// slots for long, so a few slots keep every area that could be lent.
type locality struct {
	articles int
	n        int
	area     [homeSlots]int32
	share    [homeSlots]float64
}

// localities are the sources' localities, by source key.
type localities struct {
	mu sync.Mutex
	m  map[string]*locality
}

// areaWeight is evidence lent to one area.
type areaWeight struct {
	area int32
	w    float64
}

// home returns the evidence a source's locality lends an article.
func (ls *localities) home(source string, dst []areaWeight) []areaWeight {
	dst = dst[:0]
	if source == "" {
		return dst
	}
	ls.mu.Lock()
	defer ls.mu.Unlock()
	l := ls.m[source]
	if l == nil || l.articles < homeArticles {
		return dst
	}
	for i := range l.n {
		if f := l.share[i] / float64(l.articles); f >= homeShare {
			dst = append(dst, areaWeight{l.area[i], homeWeight * f})
		}
	}
	return dst
}

// learn adds an article's confident places to its source's locality.
func (p *Parser) learn(source string, spans []span) {
	if source == "" {
		return
	}
	var t lesson
	for i := range spans {
		f := &p.g.facts[spans[i].place]
		t.add(spans[i].confidence, f.kind, f.country, f.admin1)
	}
	t.teach(p.sources, source)
}

// Learn adds a stored article of source, with its mentions, to the
// source's locality, as ParseFrom does after parsing: a restarted server
// relearns its sources from the articles it kept. A mention needs its
// confidence and its place's kind, country and admin1.
func (p *Parser) Learn(source string, ms []geo.Mention) {
	g := p.g
	if source == "" {
		return
	}
	var t lesson
	for i := range ms {
		pl := &ms[i].Place
		country, ok := g.areas[pl.Country]
		if !ok {
			continue
		}
		admin1, ok := g.areas[pl.Country+"."+pl.Admin1]
		if !ok {
			admin1 = -1
		}
		t.add(ms[i].Confidence, kinds[pl.Kind], country, admin1)
	}
	t.teach(p.sources, source)
}

// lesson is what one article teaches its source's locality: each
// confident place gives its country and division 1/places.
type lesson struct {
	areas  [64]int32
	n      int
	places int
}

func (t *lesson) add(conf float64, k kind, country, admin1 int32) {
	if conf < learnConf || k == kindRegion || k == kindWater || country < 0 || t.n+2 > len(t.areas) {
		return
	}
	t.places++
	t.areas[t.n], t.n = country, t.n+1
	if k != kindCountry && admin1 >= 0 {
		t.areas[t.n], t.n = admin1, t.n+1
	}
}

func (t *lesson) teach(ls *localities, source string) {
	if t.places > 0 {
		ls.add(source, t.areas[:t.n], 1/float64(t.places))
	}
}

// add counts one article of source whose places lie in areas (an area
// once per place in it), each place worth w.
func (ls *localities) add(source string, areas []int32, w float64) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.m == nil {
		ls.m = map[string]*locality{}
	}
	l := ls.m[source]
	if l == nil {
		if len(ls.m) >= maxSources {
			ls.forget()
		}
		l = &locality{}
		ls.m[source] = l
	}
	l.articles++
	for _, a := range areas {
		l.add(a, w)
	}
}

// add adds w to area's share, in a new slot or the weakest one.
func (l *locality) add(area int32, w float64) {
	weakest := 0
	for i := range l.n {
		if l.area[i] == area {
			l.share[i] += w
			return
		}
		if l.share[i] < l.share[weakest] {
			weakest = i
		}
	}
	if l.n < homeSlots {
		weakest = l.n
		l.n++
	}
	l.area[weakest], l.share[weakest] = area, w
}

// forget makes room for new sources: it drops the sources seen once,
// and if they are too few, every other one.
func (ls *localities) forget() {
	for k, l := range ls.m {
		if l.articles == 1 {
			delete(ls.m, k)
		}
	}
	drop := false
	for k := range ls.m {
		if len(ls.m) < maxSources*3/4 {
			break
		}
		if drop = !drop; drop {
			delete(ls.m, k)
		}
	}
}
