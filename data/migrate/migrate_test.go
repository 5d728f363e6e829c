package migrate

import (
	"fmt"
	"testing"
	"testing/fstest"
)

func TestAfter(t *testing.T) {
	fsys := fstest.MapFS{
		"m/0002_b.sql": {Data: []byte("B")},
		"m/0010_c.sql": {Data: []byte("C")},
		"m/0001_a.sql": {Data: []byte("A")},
		"m/README.md":  {Data: []byte("not a migration")},
		"m/0003_d.txt": {Data: []byte("not SQL")},
		"m/x_0004.sql": {Data: []byte("no number")},
	}
	tests := []struct {
		after int
		want  string
	}{
		{0, "1:A 2:B 10:C "},
		{1, "2:B 10:C "},
		{10, ""},
	}
	for _, tt := range tests {
		ms, err := After(fsys, "m", tt.after)
		got := ""
		for _, m := range ms {
			got += fmt.Sprintf("%d:%s ", m.Version, m.SQL)
		}
		if err != nil || got != tt.want {
			t.Errorf("After(%d) = %q, %v; want %q", tt.after, got, err, tt.want)
		}
	}
}
