package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"mentionmap/geo"
)

// TestSourceHistory stores articles of three sources and checks which
// come back, in what order and with what of their mentions.
func TestSourceHistory(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var arts []*geo.Article
	for i := range 9 {
		a := article(fmt.Sprintf("https://www.paper.example/%d", i), fmt.Sprint("paper ", i), day, tripoli, libya)
		a.Source = ""
		switch i % 3 {
		case 1:
			a.Source = "Wire"
		case 2:
			a.URL, a.Source = "", "" // no source: never returned
		}
		arts = append(arts, a)
	}
	if _, err := s.IngestBatch(ctx, arts); err != nil {
		t.Fatal(err)
	}
	last, err := s.LastArticleID(ctx)
	if err != nil || last != arts[8].ID {
		t.Fatalf("last id %d, %v; want %d", last, err, arts[8].ID)
	}
	// Newest first, articles 8 to 0 are: none, wire, paper, none, wire,
	// paper, none, wire, paper.
	tests := []struct {
		name      string
		upTo      int64
		perSource int
		total     int
		want      string // the source of each call, in order
	}{
		{"newest two of each, oldest first", last, 2, 100, "paper.example,wire,paper.example,wire"},
		{"up to an id", arts[4].ID, 1, 100, "paper.example,wire"},
		{"everything", last, 10, 100, "paper.example,wire,paper.example,wire,paper.example,wire"},
		{"the newest three in all", last, 10, 3, "wire,paper.example,wire"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			err := s.SourceHistory(ctx, tc.upTo, tc.perSource, tc.total, func(source string, ms []geo.Mention) error {
				if len(ms) != 2 || ms[0].Place.Country != "LY" || ms[0].Place.Admin1 != "77" || ms[0].Place.Kind != geo.KindCity ||
					ms[1].Place.Kind != geo.KindCountry || ms[0].Confidence != 0.5 || ms[1].Confidence != 0.6 {
					t.Errorf("%s: mentions %+v", source, ms)
				}
				got = append(got, source)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, ",") != tc.want {
				t.Errorf("sources in order %v, want %s", got, tc.want)
			}
		})
	}
}
