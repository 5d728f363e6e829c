package geo

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name string
		a    Article
		code string
	}{
		{"plain", Article{Text: "Rain in Oslo."}, ""},
		{"http url", Article{Text: "x", URL: "http://example.org/a"}, ""},
		{"https url, spaces trimmed", Article{Text: "x", URL: "  https://example.org/a "}, ""},
		{"javascript url", Article{Text: "x", URL: "javascript:alert(1)"}, EINVALID},
		{"data url", Article{Text: "x", URL: "data:text/html,<script>alert(1)</script>"}, EINVALID},
		{"relative url", Article{Text: "x", URL: "/a/b"}, EINVALID},
		{"ftp url", Article{Text: "x", URL: "ftp://example.org/a"}, EINVALID},
		{"title at the limit", Article{Text: "x", Title: long(MaxTitleBytes)}, ""},
		{"title past the limit", Article{Text: "x", Title: long(MaxTitleBytes + 1)}, ETOOLARGE},
		{"source past the limit", Article{Text: "x", Source: long(MaxSourceBytes + 1)}, ETOOLARGE},
		{"url past the limit", Article{Text: "x", URL: "https://example.org/" + long(MaxURLBytes)}, ETOOLARGE},
		{"text past the limit", Article{Text: long(MaxTextBytes + 1)}, ETOOLARGE},
		{"empty text", Article{Text: " \n"}, EINVALID},
		{"text not UTF-8", Article{Text: "bad \xff"}, EINVALID},
		{"text with NUL", Article{Text: "nul \x00"}, EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.a.Validate()); got != tt.code {
				t.Errorf("code %q, want %q", got, tt.code)
			}
		})
	}
}

// manyMentions finds a mention at every byte of a text.
type manyMentions struct{}

func (manyMentions) Parse(text string) []Mention { return manyMentions{}.ParseFrom("", text) }
func (manyMentions) ParseFrom(_, text string) []Mention {
	ms := make([]Mention, len(text))
	for i := range ms {
		ms[i] = Mention{Start: i, End: i + 1}
	}
	return ms
}

// keepStore keeps what it is asked to store.
type keepStore struct {
	ArticleStore
	got []*Article
}

func (k *keepStore) Ingest(_ context.Context, a *Article) (bool, error) {
	k.got = append(k.got, a)
	return true, nil
}

func (k *keepStore) IngestBatch(_ context.Context, arts []*Article) ([]bool, error) {
	k.got = append(k.got, arts...)
	return make([]bool, len(arts)), nil
}

func TestMentionsAreCapped(t *testing.T) {
	for _, n := range []int{10, MaxMentions, MaxMentions + 1, 3 * MaxMentions} {
		s := &keepStore{}
		one := &Article{Text: strings.Repeat("x", n)}
		batch := []*Article{{Text: strings.Repeat("y", n)}}
		if _, err := Ingest(context.Background(), s, manyMentions{}, one); err != nil {
			t.Fatal(err)
		}
		if _, err := IngestBatch(context.Background(), s, manyMentions{}, batch); err != nil {
			t.Fatal(err)
		}
		for _, a := range s.got {
			if kept := min(n, MaxMentions); len(a.Mentions) != kept || a.MentionsOmitted != n-kept {
				t.Errorf("%d mentions: kept %d, omitted %d", n, len(a.Mentions), a.MentionsOmitted)
			}
			if len(a.Mentions) > 0 && a.Mentions[0].Start != 0 {
				t.Errorf("%d mentions: the first kept starts at %d, want the text's first", n, a.Mentions[0].Start)
			}
		}
	}
}

func TestReadJSONLines(t *testing.T) {
	in := `{"text":"Rain in Oslo.","url":"https://x.test/1"}

{"text":
{"url":"https://x.test/3"}
{"text":"Snow in Bergen.","published":"yesterday"}
{"text":"Sun in Tromsø.","published":"2026-03-01T10:00:00Z"}
`
	type result struct {
		line int
		text string
		code string
	}
	var got []result
	err := ReadJSONLines(strings.NewReader(in), func(line int, a *Article, err error) error {
		r := result{line: line, code: ErrorCode(err)}
		if a != nil {
			r.text = a.Text
		}
		got = append(got, r)
		return nil
	})
	want := []result{{1, "Rain in Oslo.", ""}, {3, "", EINVALID}, {4, "", EINVALID}, {5, "", EINVALID}, {6, "Sun in Tromsø.", ""}}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}
	long := `{"text":"` + strings.Repeat("a", maxLineBytes) + `"}`
	err = ReadJSONLines(strings.NewReader(long), func(int, *Article, error) error { return nil })
	if ErrorCode(err) != ETOOLARGE {
		t.Errorf("a line past the limit: %v", err)
	}
}

// FuzzReadJSONLines: any input gives, per line, an article or a client
// error, never a panic or an internal error.
func FuzzReadJSONLines(f *testing.F) {
	for _, s := range []string{`{"text":"a"}`, "{\"text\":\"a\"}\n{\"text\":", `{"text":1}`, `{"text":"x","published":"2026"}`, "\n\n", `[]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		err := ReadJSONLines(strings.NewReader(in), func(line int, a *Article, err error) error {
			if (a == nil) == (err == nil) || err != nil && ErrorCode(err) == EINTERNAL {
				t.Fatalf("line %d: article %v, err %v", line, a, err)
			}
			return nil
		})
		if err != nil && ErrorCode(err) == EINTERNAL {
			t.Fatalf("%q: %v", in, err)
		}
	})
}
