package columns

import (
	"testing"
	"time"

	"mentionmap/geo"
)

func TestSnapshotsAreImmutable(t *testing.T) {
	c := &Store{dicts: dicts{places: map[int64]int32{}, sources: map[string]int32{}}}
	noon := time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC).UnixMicro()
	fact := func(article, place int64, at int64) *geo.MentionFact {
		return &geo.MentionFact{ArticleID: article, Time: at, Source: "wire", Confidence: 0.9,
			Place: geo.ClusterPoint{ID: place, Name: "p", Kind: geo.KindCity, Country: "LY"}}
	}
	batch := func(fs ...*geo.MentionFact) days {
		ds := days{}
		for _, f := range fs {
			ds.add(&c.dicts, f)
		}
		return ds
	}
	total := func(s *snapshot) int {
		counts, _ := s.count(geo.Filter{})
		n := 0
		for _, k := range counts {
			n += int(k)
		}
		return n
	}
	s1 := c.apply(&snapshot{}, 1, nil, batch(fact(1, 10, noon), fact(1, 11, noon), fact(2, 10, noon+1)))
	for _, step := range []struct {
		name    string
		changed []int64
		add     days
		want    int
	}{
		{"a new article on the same day appends", []int64{3}, batch(fact(3, 10, noon+2)), 4},
		{"an article read twice counts once", []int64{1}, batch(fact(1, 10, noon), fact(1, 11, noon)), 4},
		{"a changed article is replaced", []int64{2}, batch(fact(2, 12, noon+1), fact(2, 12, noon+1)), 5},
		{"a new day", []int64{4}, batch(fact(4, 10, noon+dayMicros)), 6},
	} {
		before := total(s1)
		s2 := c.apply(s1, s1.version+1, step.changed, step.add)
		if got := total(s2); got != step.want {
			t.Errorf("%s: %d mentions, want %d", step.name, got, step.want)
		}
		if total(s1) != before {
			t.Errorf("%s: the older snapshot changed from %d to %d mentions", step.name, before, total(s1))
		}
		s1 = s2
	}
}

func TestDayOf(t *testing.T) {
	for _, c := range []struct{ micros, day int64 }{
		{0, 0}, {dayMicros - 1, 0}, {dayMicros, 1}, {-1, -1}, {-dayMicros, -1}, {-dayMicros - 1, -2},
	} {
		if got := dayOf(c.micros); got != c.day {
			t.Errorf("dayOf(%d) = %d, want %d", c.micros, got, c.day)
		}
	}
}

// TestRenamedPlace checks that a place renamed after the form readers know
// (geo/names.go) shows under its new name in the next snapshot, and not in
// the one before.
func TestRenamedPlace(t *testing.T) {
	c := &Store{dicts: dicts{places: map[int64]int32{}, sources: map[string]int32{}}}
	fact := func(article int64, name string) *geo.MentionFact {
		return &geo.MentionFact{ArticleID: article, Time: 1, Source: "wire", Confidence: 0.9,
			Place: geo.ClusterPoint{ID: 7, Name: name, Kind: geo.KindCity, Country: "LY"}}
	}
	batch := func(f *geo.MentionFact) days {
		ds := days{}
		ds.add(&c.dicts, f)
		return ds
	}
	s1 := c.apply(&snapshot{}, 1, nil, batch(fact(1, "Mişrātah")))
	s2 := c.apply(s1, 2, []int64{2}, batch(fact(2, "Misrata")))
	if s1.places[0].Name != "Mişrātah" || s2.places[0].Name != "Misrata" {
		t.Errorf("names %q then %q, want Mişrātah then Misrata", s1.places[0].Name, s2.places[0].Name)
	}
}
