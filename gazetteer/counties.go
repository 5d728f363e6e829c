package gazetteer

import "mentionmap/geo"

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
	county, town           string
	countyMulti, townMulti bool
}

func (m *countyMark) add(key string, name *string, multi *bool) {
	switch *name {
	case "":
		*name = key
	case key:
	default:
		*multi = true
	}
}

// markCounties fills marks from the meanings of the spans' names.
func (g *Gazetteer) markCounties(marks map[int32]countyMark, seen map[string]bool, spans []span) {
	clear(marks)
	clear(seen)
	for i := range spans {
		s := &spans[i]
		if s.weak || seen[s.key] {
			continue
		}
		seen[s.key] = true
		for _, e := range s.entries {
			if e.place < 0 || g.county[e.place] < 0 {
				continue
			}
			c := g.county[e.place]
			m := marks[c]
			if g.places[e.place].Kind == geo.KindAdmin2 {
				m.add(s.key, &m.county, &m.countyMulti)
			} else {
				m.add(s.key, &m.town, &m.townMulti)
			}
			marks[c] = m
		}
	}
}

// paired reports whether another name of the article pairs with place i
// as the name key: a town in a named county, or a county with a named town.
func (g *Gazetteer) paired(marks map[int32]countyMark, key string, i int32) bool {
	c := g.county[i]
	if c < 0 {
		return false
	}
	m, ok := marks[c]
	if !ok {
		return false
	}
	if g.places[i].Kind == geo.KindAdmin2 {
		return m.town != "" && (m.town != key || m.townMulti)
	}
	return m.county != "" && (m.county != key || m.countyMulti)
}
