package columns

import (
	"slices"

	"mentionmap/geo"
)

// dayMicros is the span of time one chunk holds.
const dayMicros = 86_400 * 1_000_000

// chunk holds the mentions of one UTC day as columns: what a filter tests
// of each, and nothing else. Chunks are copied on write: a snapshot that
// reads one never sees it change.
type chunk struct {
	day     int64 // Unix microseconds / dayMicros
	time    []int64
	place   []int32 // index in the copy's places
	source  []int32 // index in the copy's sources
	conf    []float64
	flags   []uint8 // flagDemonym | flagFocus | flagReprint
	article []int64
}

// The flags of a mention that filters test.
const (
	flagDemonym uint8 = 1 << iota
	flagFocus
	flagReprint
)

// flagsOf packs what a filter tests of f's yes-or-no facts.
func flagsOf(f *geo.MentionFact) uint8 {
	var b uint8
	if f.Demonym {
		b |= flagDemonym
	}
	if f.Focus {
		b |= flagFocus
	}
	if f.Reprint {
		b |= flagReprint
	}
	return b
}

func dayOf(micros int64) int64 {
	d := micros / dayMicros
	if micros < 0 && micros%dayMicros != 0 {
		d-- // floor, for times before 1970
	}
	return d
}

func (c *chunk) len() int { return len(c.time) }

// with returns a chunk holding c's rows, except those of the articles
// in drop, and add's. It appends in place when it can: rows past a
// snapshot's length are invisible to it, and only one writer appends.
func (c *chunk) with(drop map[int64]bool, add *chunk) *chunk {
	out := *c
	if c.holdsAny(drop) {
		out = *c.without(drop)
	}
	if add != nil {
		out.time = append(out.time, add.time...)
		out.place = append(out.place, add.place...)
		out.source = append(out.source, add.source...)
		out.conf = append(out.conf, add.conf...)
		out.flags = append(out.flags, add.flags...)
		out.article = append(out.article, add.article...)
	}
	return &out
}

// add appends one mention.
func (c *chunk) add(time, article int64, place, source int32, conf float64, flags uint8) {
	c.time = append(c.time, time)
	c.place = append(c.place, place)
	c.source = append(c.source, source)
	c.conf = append(c.conf, conf)
	c.flags = append(c.flags, flags)
	c.article = append(c.article, article)
}

// holdsAny reports whether c has a row of an article in drop.
func (c *chunk) holdsAny(drop map[int64]bool) bool {
	if len(drop) == 0 {
		return false
	}
	for _, a := range c.article {
		if drop[a] {
			return true
		}
	}
	return false
}

// without copies c, leaving out the rows of the articles in drop.
func (c *chunk) without(drop map[int64]bool) *chunk {
	out := &chunk{day: c.day}
	for i, a := range c.article {
		if drop[a] {
			continue
		}
		out.time = append(out.time, c.time[i])
		out.place = append(out.place, c.place[i])
		out.source = append(out.source, c.source[i])
		out.conf = append(out.conf, c.conf[i])
		out.flags = append(out.flags, c.flags[i])
		out.article = append(out.article, a)
	}
	// Full capacity: the next append copies rather than writing into an
	// array that an older snapshot reads.
	out.time, out.place, out.source = slices.Clip(out.time), slices.Clip(out.place), slices.Clip(out.source)
	out.conf, out.flags, out.article = slices.Clip(out.conf), slices.Clip(out.flags), slices.Clip(out.article)
	return out
}

// test is a filter compiled against one snapshot's dictionaries.
type test struct {
	from, to   int64  // Unix microseconds; [from, to)
	source     int32  // -1: any
	places     []bool // nil: any; else which place indexes pass
	minConf    float64
	need, deny uint8 // flags a row must have, and must not
}

// whole reports whether every row of c lies in t's time range.
func (c *chunk) whole(t *test) bool {
	return c.day*dayMicros >= t.from && (c.day+1)*dayMicros <= t.to
}

// pass reports whether row i passes t; whole skips the time test.
func (c *chunk) pass(t *test, whole bool, i int) bool {
	return (whole || c.time[i] >= t.from && c.time[i] < t.to) &&
		(t.source < 0 || c.source[i] == t.source) &&
		c.conf[i] >= t.minConf &&
		c.flags[i]&t.need == t.need && c.flags[i]&t.deny == 0 &&
		(t.places == nil || t.places[c.place[i]])
}

// count adds to counts, by place index, the rows of c that pass t.
func (c *chunk) count(t *test, counts []int32) {
	whole := c.whole(t)
	for i := range c.time {
		if c.pass(t, whole, i) {
			counts[c.place[i]]++
		}
	}
}

// tally counts the rows of c that pass t, and their articles; seen is
// scratch space.
func (c *chunk) tally(t *test, seen map[int64]bool, stories map[int64]bool, storyOf map[int64]int64) (mentions, articles int) {
	clear(seen)
	whole := c.whole(t)
	for i := range c.time {
		if c.pass(t, whole, i) {
			mentions++
			a := c.article[i]
			seen[a] = true
			if s, ok := storyOf[a]; ok {
				stories[s] = true
			} else {
				stories[a] = true
			}
		}
	}
	return mentions, len(seen)
}

// days collects new mentions by day.
type days map[int64]*chunk

// add adds f, numbering its place and source in d.
func (ds days) add(d *dicts, f *geo.MentionFact) {
	day := dayOf(f.Time)
	c := ds[day]
	if c == nil {
		c = &chunk{day: day}
		ds[day] = c
	}
	c.add(f.Time, f.ArticleID, d.placeIndex(&f.Place), d.sourceIndex(f.Source), f.Confidence, flagsOf(f))
	if f.Story != 0 && f.Story != f.ArticleID && d.stories[f.ArticleID] != f.Story {
		d.stories[f.ArticleID], d.storiesNew = f.Story, true
	}
}
