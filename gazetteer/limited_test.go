package gazetteer

import (
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestParseLimited(t *testing.T) {
	g := NewParser(def(t))
	sample, err := os.ReadFile("../cmd/mentionmap/demo/libya-isis-resurgence.txt")
	if err != nil {
		t.Fatal(err)
	}
	all := g.Parse(string(sample))
	tests := []struct {
		name, text  string
		max         int
		kept, extra int
	}{
		{"an article under the cap", string(sample), 2000, len(all), 0},
		{"an article over the cap", string(sample), 3, 3, len(all) - 3},
		{"one name repeated", strings.Repeat("Sirte. ", 10_000), 100, 100, 9_900},
		{"no cap to reach", "Rain in Oslo.", 0, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, omitted := g.ParseLimited("", tt.text, tt.max)
			if len(ms) != tt.kept || omitted != tt.extra {
				t.Fatalf("kept %d, omitted %d; want %d, %d", len(ms), omitted, tt.kept, tt.extra)
			}
			if tt.text != string(sample) {
				return
			}
			// Under the cap the result is Parse's; over it, the same names
			// are kept, though with less context some may resolve otherwise.
			if tt.kept == len(all) && !reflect.DeepEqual(ms, all) {
				t.Errorf("the mentions differ from Parse's")
			}
			for i := range ms {
				if ms[i].Start != all[i].Start || ms[i].End != all[i].End {
					t.Errorf("mention %d at %d-%d, Parse's at %d-%d", i, ms[i].Start, ms[i].End, all[i].Start, all[i].End)
				}
			}
		})
	}
}

// TestParseLimitedMemory: a text that names one place 700,000 times is
// parsed in memory proportional to its words, not its mentions.
func TestParseLimitedMemory(t *testing.T) {
	g := NewParser(def(t))
	text := strings.Repeat("Sirte. ", 700_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ms, omitted := g.ParseLimited("", text, 2000)
	runtime.ReadMemStats(&after)
	if len(ms) != 2000 || omitted != 698_000 {
		t.Errorf("kept %d, omitted %d", len(ms), omitted)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 250<<20 {
		t.Errorf("parsing allocated %d MB", alloc>>20)
	}
}
