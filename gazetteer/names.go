package gazetteer

// isPerson reports whether s is part of a person's name: right after a
// title ("Gen. Selva", "King Abdullah") or a given name ("Paul Selva").
func (g *Gazetteer) isPerson(d *doc, s *span) bool {
	if s.t0 == 0 || !d.titled(s.t0) {
		return false
	}
	prev := s.t0 - 1
	if d.is(prev, lexTitle) && d.toks[prev].cap && !d.sent[s.t0] {
		return true // "General Selva", "Gen. Selva"; not "the Ministry of Justice. Azerbaijan"
	}
	return d.is(prev, lexGiven) && d.toks[prev].cap && d.spaced(s.t0) && !g.isPlaceWord(d, s.t0-1)
}

// isPlaceWord reports whether token i is on its own the name of a
// country, first-level division or region, so that "Georgia" or
// "Virginia" before a name does not make it a person's.
func (g *Gazetteer) isPlaceWord(d *doc, i int) bool {
	for _, e := range g.wordAt(d, i).entries {
		if e.place < 0 {
			continue
		}
		switch f := &g.facts[e.place]; f.kind {
		case kindCountry, kindRegion, kindWater:
			return true
		case kindAdmin1:
			if f.pop >= 100_000 {
				return true
			}
		}
	}
	return false
}

// gluedToName reports whether a single-word candidate is a surname: after
// a capitalised word that is no place ("Bill Clark") or before a verb of
// speech ("Clark said", but not "in Kisumu said"). Its other mentions are
// then dropped too.
func (g *Gazetteer) gluedToName(d *doc, s *span) bool {
	if s.t1-s.t0 != 1 || s.entries[0].flags&(flagDemonym|flagAbbrev) != 0 || g.isPlaceWord(d, s.t0) {
		return false
	}
	if s.t1 < len(d.toks) && d.spaced(s.t1) && speechVerbs[d.folded[s.t1]] {
		// "Elders in Kisumu said": the place, not a speaker; but "close to
		// McGregor told" is a person.
		return !(s.t0 > 0 && d.spaced(s.t0) && placePrepositions[d.folded[s.t0-1]])
	}
	if s.t0 == 0 || !d.spaced(s.t0) || d.title[s.t0] {
		return false
	}
	prev := d.toks[s.t0-1]
	w := g.wordAt(d, s.t0-1)
	return prev.cap && !prev.upper && !d.sent[s.t0-1] && !leadWords[d.folded[s.t0-1]] && !g.placeLike(w.entries) && w.lengths == 0
}

// continuesName reports whether a single-word candidate goes on with the
// name of a person that ends just before it: "Jason Terrell Jones", where
// Terrell, a town, was taken for a middle name.
func (g *Gazetteer) continuesName(d *doc, s *span, personEnd int) bool {
	return s.t0 == personEnd && s.t1-s.t0 == 1 && d.spaced(s.t0) && !d.sent[s.t0] &&
		s.entries[0].flags&(flagDemonym|flagAbbrev) == 0 && !g.isPlaceWord(d, s.t0)
}

// dropPersons removes the other mentions of names used for people in the
// same text ("Paul Selva ... Selva said"), unless a preposition or their
// own context marks them as places ("in Jordan", "Jordan's King").
func dropPersons(d *doc, spans []span, persons map[string]bool) []span {
	if len(persons) == 0 {
		return spans
	}
	return keepSpans(spans, func(s *span, _ int) bool {
		return !persons[s.key] || s.narrowed || s.t0 > 0 && (d.is(s.t0-1, lexLocPreposition) || d.folded[s.t0-1] == "of")
	})
}
