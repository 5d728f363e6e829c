package handlers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"mentionmap/geo"
	"mentionmap/handlers"
)

// articleAnswer is what POST /articles and GET /articles/{id} answer.
type articleAnswer struct {
	ID              int64  `json:"id"`
	Text            string `json:"text"`
	MentionCount    int    `json:"mention_count"`
	MentionsOmitted int    `json:"mentions_omitted"`
	Mentions        []any  `json:"mentions"`
	Links           []struct {
		Href string `json:"href"`
		Rel  string `json:"rel"`
	} `json:"links"`
}

// TestOneArticleCannotFloodAnswers stores a text that names one place
// 3,000 times: the store keeps geo.MaxMentions of them and counts the
// rest, and no answer carries them all.
func TestOneArticleCannotFloodAnswers(t *testing.T) {
	srv := newServer(t, handlers.Options{})
	text := strings.Repeat("Sirte. ", 3000)
	body, _ := json.Marshal(map[string]string{"title": "Sirte", "url": "https://x.test/sirte", "text": text})
	res, b := do(t, "POST", srv.URL+"/articles", "application/json", string(body))
	var post articleAnswer
	if err := json.Unmarshal(b, &post); err != nil || res.StatusCode != 201 {
		t.Fatalf("POST: %d %.300s", res.StatusCode, b)
	}
	if post.Text != "" || len(post.Mentions) != 500 || post.MentionCount != geo.MaxMentions || post.MentionsOmitted != 3000-geo.MaxMentions {
		t.Fatalf("POST answer: %d bytes of text, %d mentions of %d, %d omitted", len(post.Text), len(post.Mentions), post.MentionCount, post.MentionsOmitted)
	}
	// Follow the pages to the end.
	seen, next, pages := 0, "/articles/"+itoa(post.ID), 0
	for ; next != "" && pages < 10; pages++ {
		res, b := do(t, "GET", srv.URL+next, "", "")
		var a articleAnswer
		if err := json.Unmarshal(b, &a); err != nil || res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %.300s", next, res.StatusCode, b)
		}
		if len(a.Text) != len(text) {
			t.Errorf("GET %s: text of %d bytes, want %d", next, len(a.Text), len(text))
		}
		seen += len(a.Mentions)
		next = ""
		for _, l := range a.Links {
			if l.Rel == "next" {
				next = l.Href
			}
		}
	}
	if seen != geo.MaxMentions || pages != 4 {
		t.Errorf("the pages held %d mentions in %d pages, want %d in 4", seen, pages, geo.MaxMentions)
	}
	if res, b := do(t, "GET", srv.URL+"/articles/"+itoa(post.ID)+"?limit=5000", "", ""); res.StatusCode != 200 || strings.Count(string(b), `"start"`) != geo.MaxMentions {
		t.Errorf("a page larger than the cap: %d, %d mentions", res.StatusCode, strings.Count(string(b), `"start"`))
	}
}

func TestArticleLimits(t *testing.T) {
	srv := newServer(t, handlers.Options{MaxBatch: 3})
	line := func(title, url string) string {
		b, _ := json.Marshal(map[string]string{"title": title, "url": url, "text": "Rain in Oslo. " + title + url})
		return string(b)
	}
	tests := []struct {
		name, ctype, body string
		status            int
	}{
		{"title past 1 KB", "application/json", line(strings.Repeat("Sirte ", 200), ""), 413},
		{"javascript url", "application/json", line("t", "javascript:alert(1)"), 400},
		{"data url", "application/json", line("t", "data:text/html;base64,PHNjcmlwdD4="), 400},
		{"batch at the cap", "application/x-ndjson", line("a", "") + "\n" + line("b", "") + "\n" + line("c", ""), 201},
		{"batch past the cap", "application/x-ndjson", line("d", "") + "\n" + line("e", "") + "\n" + line("f", "") + "\n" + line("g", ""), 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, b := do(t, "POST", srv.URL+"/articles", tt.ctype, tt.body)
			if res.StatusCode != tt.status {
				t.Errorf("%d %s, want %d", res.StatusCode, b, tt.status)
			}
		})
	}
}
