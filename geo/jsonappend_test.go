package geo

import (
	"encoding/json"
	"testing"
)

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "Tripoli", `quote " and \ backslash`, "<b>&</b>", "tab\tnew\nline\r", "\x00\x1f", "Mişrātah", "bad \xff utf8", "\u2028\u2029", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := AppendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("AppendJSONString(%q) = %s, encoding/json gives %s", s, got, want)
		}
	})
}

func TestJSONObjectMatchesEncodingJSON(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{{0.9, "0.9"}, {1e-7, "1e-7"}, {1e21, "1e+21"}, {123456789, "123456789"}, {-0.25, "-0.25"}, {0, "0"}}
	for _, tt := range tests {
		want, _ := json.Marshal(tt.f)
		if got := string(appendFloat(nil, tt.f)); got != string(want) || got != tt.want {
			t.Errorf("appendFloat(%v) = %s, encoding/json %s", tt.f, got, want)
		}
	}
	refs := []ArticleRef{{ID: 1, Title: "A <b>", URL: "https://x.test/?a=1&b=2", Source: "Wire", Time: "2026-01-01T00:00:00Z"}, {ID: 2, Title: "No URL"}}
	for _, r := range refs {
		want, _ := json.Marshal(r)
		if got := r.AppendJSON(nil); string(got) != string(want) {
			t.Errorf("ArticleRef = %s, want %s", got, want)
		}
	}
}
