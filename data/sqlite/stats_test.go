package sqlite

import "testing"

func TestNewest(t *testing.T) {
	l := func(t string, id int64) latest { return latest{t, id} }
	none := latest{}
	tests := []struct {
		name       string
		a, b, want [3]latest
	}{
		{"both empty", [3]latest{}, [3]latest{}, [3]latest{}},
		{"only stored", [3]latest{}, [3]latest{l("b", 2), l("a", 1)}, [3]latest{l("b", 2), l("a", 1), none}},
		{"only batch", [3]latest{l("c", 9)}, [3]latest{}, [3]latest{l("c", 9), none, none}},
		{"interleaved", [3]latest{l("d", 9), l("b", 8)}, [3]latest{l("c", 3), l("a", 2), l("a", 1)},
			[3]latest{l("d", 9), l("c", 3), l("b", 8)}},
		{"batch older than all", [3]latest{l("a", 9)}, [3]latest{l("d", 3), l("c", 2), l("b", 1)},
			[3]latest{l("d", 3), l("c", 2), l("b", 1)}},
		{"equal times: batch first", [3]latest{l("c", 9)}, [3]latest{l("c", 3), l("c", 2), l("c", 1)},
			[3]latest{l("c", 9), l("c", 3), l("c", 2)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newest(tt.a, tt.b); got != tt.want {
				t.Errorf("newest = %v, want %v", got, tt.want)
			}
		})
	}
}
