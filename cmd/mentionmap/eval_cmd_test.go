package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalCommand scores a tiny corpus: a local paper's third article
// names "MANSFIELD" alone, which its first two place in Texas. Read as
// articles of their site, the name is placed right; read alone, it is not.
func TestEvalCommand(t *testing.T) {
	corpus := `{"id":"1","url":"http://www.star-telegram.com/1","text":"The Arlington school board met in Arlington, Texas.","toponyms":[]}
{"id":"2","url":"http://www.star-telegram.com/2","text":"Traffic between Fort Worth and Dallas, Texas slowed.","toponyms":[]}
{"id":"3","url":"http://www.star-telegram.com/3","text":"MANSFIELD — The City Council voted on Monday.","toponyms":[{"start":0,"end":9,"mention":"MANSFIELD","lat":32.5632,"lon":-97.1417}]}
`
	path := filepath.Join(t.TempDir(), "tiny.jsonl")
	if err := os.WriteFile(path, []byte(corpus), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		acc  string // the A@161 column
	}{
		{[]string{"eval", path}, "1.000"},
		{[]string{"eval", "--sources=false", path}, "0.000"},
	}
	for _, tc := range tests {
		out, _, err := runCmd(t, context.Background(), "", nil, tc.args...)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 2 {
			t.Fatalf("%v: output %q", tc.args, out)
		}
		head, row := strings.Split(lines[0], "\t"), strings.Split(lines[1], "\t")
		for i, h := range head {
			if h == "A@161" && (i >= len(row) || row[i] != tc.acc) {
				t.Errorf("%v: A@161 column %q, want %s\n%s", tc.args, row[min(i, len(row)-1)], tc.acc, out)
			}
		}
	}
}
