package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestAnalystTokens(t *testing.T) {
	for _, c := range []struct {
		name, file string
		want       map[string]string // nil: an error
	}{
		{"names and tokens", "# analysts\nAna Lima 0123456789abcdef-ana\n\nBen\t0123456789abcdef-ben\n",
			map[string]string{"0123456789abcdef-ana": "Ana Lima", "0123456789abcdef-ben": "Ben"}},
		{"a name without a token", "Ana\n", nil},
		{"a short token", "Ana short\n", nil},
		{"a token twice", "Ana 0123456789abcdef-x\nBen 0123456789abcdef-x\n", nil},
		{"the server's token", "Ana 0123456789abcdef-server\n", nil},
	} {
		path := filepath.Join(t.TempDir(), "analysts")
		if err := os.WriteFile(path, []byte(c.file), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg := &serveConfig{analysts: path, token: "0123456789abcdef-server"}
		got, err := cfg.analystTokens()
		if c.want == nil && err == nil || c.want != nil && (err != nil || !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%s: %v (%v), want %v", c.name, got, err, c.want)
		}
	}
}
