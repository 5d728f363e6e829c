package main

import (
	"bytes"
	"context"
	"fmt"
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

// TestTrainCommand fits a recognizer on a tiny corpus twice: the same seed
// writes the same file, and eval reads it.
func TestTrainCommand(t *testing.T) {
	corpus := `{"id":"1","url":"http://a.test/1","text":"Fighting spread from Sirte to Misrata, and Mr. Lincoln stayed home.","toponyms":[{"start":21,"end":26,"mention":"Sirte","lat":31.2,"lon":16.6},{"start":30,"end":37,"mention":"Misrata","lat":32.4,"lon":15.1}]}
{"id":"2","url":"http://a.test/2","text":"Lincoln said the road to Benghazi was open.","toponyms":[{"start":25,"end":33,"mention":"Benghazi","lat":32.1,"lon":20.1}]}
`
	dir := t.TempDir()
	path := filepath.Join(dir, "tiny.jsonl")
	if err := os.WriteFile(path, []byte(corpus), 0o644); err != nil {
		t.Fatal(err)
	}
	var files [2][]byte
	for i := range files {
		out := filepath.Join(dir, fmt.Sprintf("m%d.tsv", i))
		if _, _, err := runCmd(t, context.Background(), "", nil, "train", "--min-support", "1", "-o", out, path); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !bytes.Equal(files[0], files[1]) || !bytes.HasPrefix(files[0], []byte("# mentionmap recognizer v1\nthreshold\t")) {
		t.Fatalf("two runs wrote different or malformed files:\n%s\n%s", files[0], files[1])
	}
	out, _, err := runCmd(t, context.Background(), "", nil, "eval", "--model", filepath.Join(dir, "m0.tsv"), path)
	if err != nil || !strings.Contains(out, "tiny\t2\t3\t") {
		t.Fatalf("eval with the model: %v\n%s", err, out)
	}
	if _, _, err := runCmd(t, context.Background(), "", nil, "eval", "--model", path, path); err == nil {
		t.Error("eval took a corpus as a model file")
	}
}
