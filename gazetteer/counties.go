package gazetteer

// Towns and their counties support each other: an article that names
// "Huntsville" and "Walker County" means Huntsville, Texas and Walker
// County, Texas, the one pair of meanings in which the town lies in the
// county. Every meaning of every name counts, not just the current best,
// so the pairing does not depend on the order of resolution.

// countyBonus is the support a meaning gets from its pair.
const countyBonus = 1.5

// countyMark records, for one second-level division, the names that may
// mean it and the names that may mean a town in it. multi is set when more
// than one name does, so a name never pairs with itself alone.
type countyMark struct {
	county, town           int32 // a name, or -1
	countyMulti, townMulti bool
}

func (m *countyMark) add(name int32, to *int32, multi *bool) {
	switch *to {
	case -1:
		*to = name
	case name:
	default:
		*multi = true
	}
}

// markCounties fills marks from the meanings of the spans' names.
func (g *Gazetteer) markCounties(marks *table[countyMark], seen []bool, spans []span) {
	marks.clear()
	for i := range spans {
		s := &spans[i]
		if s.weak || seen[s.name] {
			continue
		}
		seen[s.name] = true
		for _, e := range s.entries {
			if e.place < 0 || g.facts[e.place].county < 0 {
				continue
			}
			f := &g.facts[e.place]
			m, added := marks.at(uint64(f.county))
			if added {
				*m = countyMark{county: -1, town: -1}
			}
			if f.kind == kindAdmin2 {
				m.add(s.name, &m.county, &m.countyMulti)
			} else {
				m.add(s.name, &m.town, &m.townMulti)
			}
		}
	}
}

// paired reports whether another name of the article pairs with place i
// as name: a town in a named county, or a county with a named town.
func (g *Gazetteer) paired(marks *table[countyMark], name, i int32) bool {
	f := &g.facts[i]
	if f.county < 0 {
		return false
	}
	m, ok := marks.get(uint64(f.county))
	if !ok {
		return false
	}
	if f.kind == kindAdmin2 {
		return m.town >= 0 && (m.town != name || m.townMulti)
	}
	return m.county >= 0 && (m.county != name || m.countyMulti)
}
