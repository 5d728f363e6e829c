package sqlite

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

func TestCountsAndExtent(t *testing.T) {
	s := seed(t)
	ctx := context.Background()
	tests := []struct {
		f                geo.Filter
		places, mentions int
	}{
		{geo.Filter{}, 3, 4},
		{geo.Filter{Country: "LY"}, 2, 3},
		{geo.Filter{Query: textQuery("airport")}, 1, 1},
		{geo.Filter{Source: "wire"}, 3, 4},
		{geo.Filter{Source: "desk"}, 0, 0},
		{geo.Filter{Kind: geo.KindCity, MinConfidence: 0.1}, 1, 2},
		{geo.Filter{MinConfidence: 0.55}, 1, 1},
		{geo.Filter{From: ptr(day(2)), Country: "LY"}, 1, 1},
		{geo.Filter{Limit: 1, Offset: 1}, 3, 4}, // paging does not change the count
	}
	for _, tt := range tests {
		p, err1 := s.CountPlaces(ctx, tt.f)
		m, err2 := s.CountMentions(ctx, tt.f)
		if err1 != nil || err2 != nil || p != tt.places || m != tt.mentions {
			t.Errorf("%+v: places %d mentions %d (%v %v), want %d %d", tt.f, p, m, err1, err2, tt.places, tt.mentions)
		}
	}
	e, err := s.Extent(ctx)
	if err != nil || e.BBox.Min.X() != 13.18733 || e.BBox.Max.X() != 179.5 || e.Start != formatTime(day(1)) || e.End != formatTime(day(9)) {
		t.Errorf("extent = %+v, %v", e, err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestIngestBatch(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	arts := []*geo.Article{
		article("https://x.test/a", "Tripoli one", day(1), tripoli),
		article("https://x.test/b", "Fiji two", day(2), fiji, libya),
		article("https://x.test/a", "Same URL as the first", day(3), libya),
	}
	created, err := s.IngestBatch(ctx, arts)
	if err != nil || len(created) != 3 || !created[0] || !created[1] || created[2] {
		t.Fatalf("created = %v, %v", created, err)
	}
	if arts[2].ID != arts[0].ID {
		t.Errorf("duplicate in batch got id %d, want %d", arts[2].ID, arts[0].ID)
	}
	// The ids the batch hands back are the stored mentions' ids.
	stored, err := s.Article(ctx, arts[1].ID, geo.MaxMentions, 0)
	if err != nil || len(stored.Mentions) != 2 {
		t.Fatalf("stored = %+v, %v", stored, err)
	}
	for i, m := range stored.Mentions {
		if got := arts[1].Mentions[i]; got.ID != m.ID || got.ArticleID != arts[1].ID || m.Place.Key != got.Place.Key {
			t.Errorf("mention %d: batch gave id %d (article %d), stored %d", i, got.ID, got.ArticleID, m.ID)
		}
	}
	// A failure anywhere in a batch stores none of it.
	bad := geo.Place{Key: "nan", Name: "Nowhere", Kind: geo.KindCity, Point: orb.Point{math.NaN(), 0}}
	_, err = s.IngestBatch(ctx, []*geo.Article{
		article("https://x.test/c", "Fine", day(4), libya),
		article("https://x.test/d", "Broken", day(4), bad),
	})
	if geo.ErrorCode(err) != geo.EINTERNAL {
		t.Fatalf("err = %v", err)
	}
	var n int
	s.r.QueryRow("SELECT count(*) FROM articles").Scan(&n)
	if n != 2 {
		t.Errorf("%d articles after a failed batch, want 2", n)
	}
}

func BenchmarkIngestBatch500(b *testing.B) {
	s := openBench(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		arts := make([]*geo.Article, 500)
		for j := range arts {
			arts[j] = article("", fmt.Sprintf("batch %d article %d", i, j), day(1+j%28), tripoli, libya, fiji)
		}
		if _, err := s.IngestBatch(context.Background(), arts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*500)/b.Elapsed().Seconds(), "articles/s")
}

// TestPlaceStatsMatchMentions checks that the per-place totals kept at
// ingest agree with aggregating the mentions: the fast path (no mention
// filter) and the slow path (a filter every mention passes) must match.
func TestPlaceStatsMatchMentions(t *testing.T) {
	s := seed(t)
	ctx := context.Background()
	s.Ingest(ctx, article("https://x.test/4", "Tripoli and Libya again", day(7), tripoli, tripoli, libya))
	collect := func(f geo.Filter) map[string]geo.PlaceSummary {
		out := map[string]geo.PlaceSummary{}
		if err := s.PlaceSummaries(ctx, f, func(p *geo.PlaceSummary) error { out[p.Place.Key] = *p; return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	fast, slow := collect(geo.Filter{}), collect(geo.Filter{MinConfidence: 1e-9})
	if len(fast) != 3 || len(fast) != len(slow) {
		t.Fatalf("fast %d places, slow %d", len(fast), len(slow))
	}
	for k, f := range fast {
		sl := slow[k]
		if f.Mentions != sl.Mentions || f.Articles != sl.Articles || f.FirstSeen != sl.FirstSeen || f.LastSeen != sl.LastSeen ||
			fmt.Sprint(f.Latest) != fmt.Sprint(sl.Latest) {
			t.Errorf("%s: fast %+v, slow %+v", k, f, sl)
		}
	}
	if tr := fast["2210247"]; tr.Mentions != 4 || tr.Articles != 3 || len(tr.Latest) != 3 || tr.Latest[0].Time != formatTime(day(7)) {
		t.Errorf("Tripoli totals %+v", fast["2210247"])
	}
	n, _ := s.CountPlaces(ctx, geo.Filter{})
	m, _ := s.CountPlaces(ctx, geo.Filter{MinConfidence: 1e-9})
	if n != 3 || m != 3 {
		t.Errorf("counts %d %d", n, m)
	}
}

// TestPlaceStatsAcrossBatches checks the totals ingest keeps against a
// recount of the mentions: batches of articles out of time order, with
// equal times, places mentioned twice in one article, and duplicates.
func TestPlaceStatsAcrossBatches(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	days := []int{5, 2, 9, 2, 7, 1, 9, 3, 8, 4, 6, 2}
	for b := 0; b < 3; b++ {
		var arts []*geo.Article
		for i, d := range days {
			ps := []geo.Place{tripoli}
			if (i+b)%2 == 0 {
				ps = append(ps, libya, tripoli)
			}
			if (i+b)%3 == 0 {
				ps = append(ps, fiji)
			}
			arts = append(arts, article("", fmt.Sprintf("batch %d article %d", b, i), day(d+b), ps...))
		}
		arts = append(arts, article("", "batch 0 article 0", day(1), libya)) // a duplicate
		if _, err := s.IngestBatch(ctx, arts); err != nil {
			t.Fatal(err)
		}
	}
	recount := `WITH pa AS (SELECT place_id, article_id, ` + textTime("max(time)") + ` AS time, count(*) AS n FROM mentions GROUP BY place_id, article_id),
		ranked AS (SELECT *, row_number() OVER (PARTITION BY place_id ORDER BY time DESC, article_id DESC) AS rn FROM pa)
		SELECT place_id, sum(n), count(*), min(time), max(time),
			max(CASE rn WHEN 1 THEN time || '/' || article_id END), max(CASE rn WHEN 2 THEN time || '/' || article_id END),
			max(CASE rn WHEN 3 THEN time || '/' || article_id END)
		FROM ranked GROUP BY place_id ORDER BY place_id`
	const kept = `SELECT place_id, mentions, articles, first, last, t1 || '/' || a1, t2 || '/' || a2, t3 || '/' || a3
		FROM place_stats ORDER BY place_id`
	read := func(q string) []string {
		rows, err := s.r.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id, m, a int64
			var first, last, l1, l2, l3 string
			if err := rows.Scan(&id, &m, &a, &first, &last, &l1, &l2, &l3); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(id, m, a, first, last, l1, l2, l3))
		}
		return out
	}
	want, got := read(recount), read(kept)
	if len(want) != 3 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("place_stats:\n%s\nrecount:\n%s", got, want)
	}
}

// TestPlacePagesUseCachedRefs checks that a page of places (article
// references from the cache, cold then warm) matches the unbounded
// listing (references joined in SQL).
func TestPlacePagesUseCachedRefs(t *testing.T) {
	s := seed(t)
	ctx := context.Background()
	s.Ingest(ctx, article("https://x.test/4", "Tripoli and Libya again", day(7), tripoli, tripoli, libya))
	list := func(f geo.Filter) string {
		var out []string
		if err := s.PlaceSummaries(ctx, f, func(p *geo.PlaceSummary) error {
			out = append(out, fmt.Sprintf("%s %d %+v", p.Place.Key, p.Mentions, p.Latest))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(out)
	}
	joined := list(geo.Filter{})
	for _, run := range []string{"cold", "warm"} {
		if paged := list(geo.Filter{Limit: 100}); paged != joined {
			t.Errorf("%s: paged\n%s\njoined\n%s", run, paged, joined)
		}
	}
	if !strings.Contains(joined, "Tripoli and Libya again") && !strings.Contains(joined, "About Tripoli") {
		t.Errorf("no article titles in %s", joined)
	}
	if got := list(geo.Filter{Limit: 1, Offset: 1}); strings.Count(got, "{ID:") == 0 || strings.Count(got, "] ") != 0 {
		t.Errorf("second page = %s", got)
	}
}

// textTime is the SQL that formats an expression in Unix seconds (such as
// mentions.time) as timeFormat.
func textTime(expr string) string { return `strftime('%Y-%m-%dT%H:%M:%SZ', ` + expr + `, 'unixepoch')` }
