package web

import (
	"io/fs"
	"testing"
)

func TestFSLayersStaticAndBundle(t *testing.T) {
	f := FS()
	if b, err := fs.ReadFile(f, "index.html"); err != nil || len(b) == 0 {
		t.Fatalf("index.html: %v", err)
	}
	if _, err := fs.ReadFile(f, "README.txt"); err != nil {
		t.Errorf("dist files are not reachable: %v", err)
	}
	if _, err := f.Open("nope.js"); err == nil {
		t.Error("a missing file opened")
	}
	if Built() {
		if _, err := fs.Stat(f, "app.js"); err != nil {
			t.Errorf("built, but app.js missing: %v", err)
		}
	}
}
