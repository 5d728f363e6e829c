package handlers

import (
	"encoding/json"
	"testing"

	"mentionmap/geo"
)

// TestPropsAppendJSON: the hand-written encoders equal encoding/json.
func TestPropsAppendJSON(t *testing.T) {
	places := []*placeProps{
		{PlaceID: 7, Key: "2210247", GeonameID: 2210247, Name: "Tripoli", Kind: "city", Country: "LY", Admin1: "77",
			Mentions: 12, Articles: 3, FirstSeen: "2026-01-01T00:00:00Z", LastSeen: "2026-02-01T00:00:00Z",
			Latest: []geo.ArticleRef{{ID: 4, Title: `"Quoted" <title>`, URL: "https://x.test/a?b=1&c=2", Source: "Wire", Time: "2026-02-01T00:00:00Z"}, {ID: 3, Title: "Mişrātah", Time: "2026-01-01T00:00:00Z"}}},
		{PlaceID: 8, Key: "LY", Name: "Libya", Kind: "country", Country: "LY", Latest: []geo.ArticleRef{}},
		{PlaceID: 9, Key: "europe", Name: "Europe", Kind: "region"},
	}
	for _, p := range places {
		want, _ := json.Marshal(p)
		if got := p.AppendJSON(nil); string(got) != string(want) {
			t.Errorf("placeProps:\n got %s\nwant %s", got, want)
		}
	}
	m := &mentionProps{Text: "Sirte", Start: 10, End: 15, Sentence: "In Sirte,\ttoday\n", Confidence: 0.87, Demonym: true,
		PlaceID: 2, Name: "Sirte", Kind: "city", Country: "LY", ArticleID: 5, ArticleTitle: "T & T", ArticleURL: "", Source: "S", Time: "2026"}
	want, _ := json.Marshal(m)
	if got := m.AppendJSON(nil); string(got) != string(want) {
		t.Errorf("mentionProps:\n got %s\nwant %s", got, want)
	}
}
