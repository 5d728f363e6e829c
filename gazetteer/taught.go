package gazetteer

import (
	"sync/atomic"

	"mentionmap/geo"
)

// An analyst's correction teaches the parser how a source uses a name:
// in later articles of that source, the name means the corrected place,
// or no place. A qualifier in the article ("Tripoli, Lebanon") says
// otherwise, and wins.

// taught maps a source and a name key to a place, or to noPlace.
type taught map[string]map[string]int32

const noPlace = -1

// LearnCorrections replaces the corrections the parser follows. Lessons
// naming places the gazetteer lacks are skipped.
func (p *Parser) LearnCorrections(ls []geo.CorrectionLesson) {
	t := taught{}
	for _, l := range ls {
		place := int32(noPlace)
		if l.PlaceKey != "" {
			i, ok := p.g.placeIndex(l.PlaceKey)
			if !ok {
				continue
			}
			place = i
		}
		if t[l.Source] == nil {
			t[l.Source] = map[string]int32{}
		}
		t[l.Source][Key(l.Text)] = place
	}
	p.taught.Store(&t)
}

// follow applies the corrections taught for source to spans, dropping the
// names corrected to no place, and returns the spans kept.
func (p *Parser) follow(source string, spans []span) []span {
	t := p.taught.Load()
	if t == nil || source == "" {
		return spans
	}
	names := (*t)[source]
	if len(names) == 0 {
		return spans
	}
	return keepSpans(spans, func(s *span, _ int) bool {
		place, ok := names[s.key]
		switch {
		case !ok || s.qual >= 0: // no lesson, or the article's own qualifier
		case place == noPlace:
			return false
		default:
			s.place, s.confidence, s.taught = place, max(s.confidence, taughtConfidence), true
			s.senseFrom = s.start // its own reasons, not an earlier mention's
		}
		return true
	})
}

// taughtConfidence is the least confidence of a name a correction placed.
const taughtConfidence = 0.9

// lessons holds what LearnCorrections taught; nil until then.
type lessons = atomic.Pointer[taught]
