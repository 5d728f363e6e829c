package geo

import (
	"reflect"
	"testing"
)

func TestRevise(t *testing.T) {
	m := func(id int64, start int, key string) Mention {
		return Mention{ID: id, Start: start, End: start + 5, Place: Place{Key: key}}
	}
	focused := func(m Mention) Mention { m.Focus = true; return m }
	stored := &Article{ID: 1, Mentions: []Mention{m(10, 0, "LY"), m(11, 10, "2210247"), m(12, 20, "FR"), m(13, 30, "TN")}}
	for _, c := range []struct {
		name    string
		parsed  []Mention
		held    map[Span]bool
		update  []int64
		insert  []int
		delete  []int64
		counted RevisionCounts
	}{
		{"the same parse", stored.Mentions, nil, nil, nil, nil, RevisionCounts{Articles: 1, Unchanged: 4}},
		{"moved, found and lost", []Mention{m(0, 0, "LY"), m(0, 10, "266826"), m(0, 40, "EG")}, nil,
			[]int64{11}, []int{40}, []int64{12, 13}, RevisionCounts{Articles: 1, Unchanged: 1, Moved: 1, Added: 1, Removed: 2}},
		{"the same places, another focus", []Mention{focused(m(0, 0, "LY")), m(0, 10, "2210247"), m(0, 20, "FR"), m(0, 30, "TN")}, nil,
			[]int64{10}, nil, nil, RevisionCounts{Articles: 1, Unchanged: 3, Refocused: 1}},
		{"held spans stay as they are", []Mention{m(0, 0, "LY"), m(0, 10, "266826"), m(0, 40, "EG")},
			map[Span]bool{{10, 15}: true, {20, 25}: true, {40, 45}: true},
			nil, nil, []int64{13}, RevisionCounts{Articles: 1, Unchanged: 1, Removed: 1, Held: 3}},
	} {
		rev, n := Revise(stored, c.parsed, c.held)
		var update []int64
		for _, u := range rev.Update {
			update = append(update, u.ID)
		}
		var insert []int
		for _, i := range rev.Insert {
			insert = append(insert, i.Start)
		}
		if !reflect.DeepEqual(update, c.update) || !reflect.DeepEqual(insert, c.insert) || !reflect.DeepEqual(rev.Delete, c.delete) || n != c.counted {
			t.Errorf("%s: update %v, insert %v, delete %v, counts %+v; want %v, %v, %v, %+v",
				c.name, update, insert, rev.Delete, n, c.update, c.insert, c.delete, c.counted)
		}
	}
}
