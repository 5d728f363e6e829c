package sqlite

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

func openTest(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

var (
	tripoli = geo.Place{Key: "2210247", GeonameID: 2210247, Name: "Tripoli", Kind: geo.KindCity, Country: "LY", Admin1: "77", Point: orb.Point{13.18733, 32.88743}}
	libya   = geo.Place{Key: "LY", Name: "Libya", Kind: geo.KindCountry, Country: "LY", Point: orb.Point{17, 25}}
	fiji    = geo.Place{Key: "FJ", Name: "Fiji", Kind: geo.KindCountry, Country: "FJ", Point: orb.Point{179.5, -17.8}}
)

func article(url, text string, published time.Time, ps ...geo.Place) *geo.Article {
	a := &geo.Article{URL: url, Title: "About " + text, Source: "wire", Text: text, Published: &published}
	for i, p := range ps {
		a.Mentions = append(a.Mentions, geo.Mention{Start: i, End: i + 1, Text: p.Name, Sentence: text,
			Confidence: 0.5 + float64(i)/10, Demonym: p.Kind == geo.KindCountry, Place: p})
	}
	return a
}

func day(d int) time.Time { return time.Date(2026, 1, d, 12, 0, 0, 0, time.UTC) }

func TestIngestIsIdempotent(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a := article("https://x.test/1", "Clashes in Tripoli, Libya", day(1), tripoli, libya)
	created, err := s.Ingest(ctx, a)
	if err != nil || !created || a.ID == 0 {
		t.Fatalf("first ingest: created=%v id=%d err=%v", created, a.ID, err)
	}
	v1, _ := s.Version(ctx)
	tests := []struct {
		name string
		a    *geo.Article
	}{
		{"same url", article("https://x.test/1", "different text", day(2), libya)},
		{"same text", article("https://x.test/other", "Clashes in Tripoli, Libya", day(2), libya)},
		{"same text, no url", article("", "Clashes in Tripoli, Libya", day(2))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			created, err := s.Ingest(ctx, tt.a)
			if err != nil || created {
				t.Fatalf("created=%v err=%v, want existing", created, err)
			}
			if tt.a.ID != a.ID || len(tt.a.Mentions) != 2 {
				t.Errorf("got article %d with %d mentions, want %d with 2", tt.a.ID, len(tt.a.Mentions), a.ID)
			}
		})
	}
	if v2, _ := s.Version(ctx); v2 != v1 {
		t.Errorf("version moved from %d to %d without new data", v1, v2)
	}
	var n int
	s.r.QueryRow("SELECT count(*) FROM mentions").Scan(&n)
	if n != 2 {
		t.Errorf("%d mentions stored, want 2", n)
	}
}

func TestFailedIngestLeavesNothing(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	bad := geo.Place{Key: "nan", Name: "Nowhere", Kind: geo.KindCity, Point: orb.Point{math.NaN(), math.NaN()}}
	a := article("https://x.test/bad", "Somewhere odd", day(1), tripoli, bad)
	if _, err := s.Ingest(ctx, a); geo.ErrorCode(err) != geo.EINTERNAL {
		t.Fatalf("err = %v, want an internal error", err)
	}
	for _, table := range []string{"articles", "mentions", "places", "places_rtree"} {
		var n int
		s.r.QueryRow("SELECT count(*) FROM " + table).Scan(&n)
		if n != 0 {
			t.Errorf("%s has %d rows after a failed ingest", table, n)
		}
	}
	// The place cache must not keep ids from the rolled-back transaction.
	ok := article("https://x.test/ok", "Tripoli again", day(2), tripoli)
	if _, err := s.Ingest(ctx, ok); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Article(ctx, ok.ID, geo.MaxMentions, 0); err != nil {
		t.Fatal(err)
	}
}

func TestReopenKeepsData(t *testing.T) {
	s, path := openTest(t)
	ctx := context.Background()
	a := article("https://x.test/1", "Tripoli", day(1), tripoli)
	if _, err := s.Ingest(ctx, a); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Article(ctx, a.ID, geo.MaxMentions, 0)
	if err != nil || len(got.Mentions) != 1 || got.Mentions[0].Place.Name != "Tripoli" {
		t.Fatalf("after reopen: %+v, %v", got, err)
	}
}

func TestNotFound(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	if _, err := s.Article(ctx, 42, geo.MaxMentions, 0); geo.ErrorCode(err) != geo.ENOTFOUND {
		t.Errorf("Article: %v", err)
	}
	if _, _, err := s.Place(ctx, 42, 5); geo.ErrorCode(err) != geo.ENOTFOUND {
		t.Errorf("Place: %v", err)
	}
}

func seed(t *testing.T) *Store {
	s, _ := openTest(t)
	ctx := context.Background()
	for _, a := range []*geo.Article{
		article("https://x.test/1", "Militias fought in Tripoli", day(1), tripoli, libya),
		article("https://x.test/2", "Tripoli airport reopened", day(5), tripoli),
		article("https://x.test/3", "Cyclone nears Fiji", day(9), fiji),
	} {
		if _, err := s.Ingest(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestPlaceSummariesFilters(t *testing.T) {
	s := seed(t)
	tp := func(t time.Time) *time.Time { return &t }
	box := func(a, b, c, d float64) *orb.Bound { return &orb.Bound{Min: orb.Point{a, b}, Max: orb.Point{c, d}} }
	tests := []struct {
		name string
		f    geo.Filter
		want map[string]int // place name -> mentions
	}{
		{"all", geo.Filter{}, map[string]int{"Tripoli": 2, "Libya": 1, "Fiji": 1}},
		{"bbox", geo.Filter{BBox: box(10, 30, 15, 35)}, map[string]int{"Tripoli": 2}},
		{"antimeridian bbox", geo.Filter{BBox: box(170, -30, -170, 0)}, map[string]int{"Fiji": 1}},
		{"from", geo.Filter{From: tp(day(4))}, map[string]int{"Tripoli": 1, "Fiji": 1}},
		{"to", geo.Filter{To: tp(day(4))}, map[string]int{"Tripoli": 1, "Libya": 1}},
		{"full text", geo.Filter{Query: textQuery("airport")}, map[string]int{"Tripoli": 1}},
		{"full text phrase", geo.Filter{Query: textQuery(`"militias fought"`)}, map[string]int{"Tripoli": 1, "Libya": 1}},
		{"country", geo.Filter{Country: "FJ"}, map[string]int{"Fiji": 1}},
		{"kind", geo.Filter{Kind: geo.KindCity}, map[string]int{"Tripoli": 2}},
		{"source", geo.Filter{Source: "none"}, map[string]int{}},
		{"min confidence", geo.Filter{MinConfidence: 0.55}, map[string]int{"Libya": 1}},
		{"no demonyms", geo.Filter{NoDemonyms: true}, map[string]int{"Tripoli": 2}},
		{"limit", geo.Filter{Limit: 1}, map[string]int{"Tripoli": 2}},
		{"offset", geo.Filter{Limit: 5, Offset: 2}, map[string]int{"Fiji": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]int{}
			err := s.PlaceSummaries(context.Background(), tt.f, func(p *geo.PlaceSummary) error {
				got[p.Place.Name] = p.Mentions
				if len(p.Latest) == 0 || p.FirstSeen > p.LastSeen {
					t.Errorf("%s: latest %v, first %s last %s", p.Place.Name, p.Latest, p.FirstSeen, p.LastSeen)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s: %d mentions, want %d", k, got[k], v)
				}
			}
		})
	}
}

func TestMentionsNewestFirst(t *testing.T) {
	s := seed(t)
	var times []string
	err := s.Mentions(context.Background(), geo.Filter{}, func(m *geo.MentionRow) error {
		times = append(times, m.Article.Time)
		if m.Mention.Sentence == "" || m.Article.Title == "" {
			t.Errorf("mention row missing fields: %+v", m)
		}
		return nil
	})
	if err != nil || len(times) != 4 {
		t.Fatalf("%d mentions, err %v", len(times), err)
	}
	for i := 1; i < len(times); i++ {
		if times[i] > times[i-1] {
			t.Errorf("not newest first: %v", times)
		}
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tripoli", `"tripoli"`},
		{"  tripoli airport", `"tripoli" "airport"`},
		{`"militias fought" OR airport`, `"militias fought" OR "airport"`},
		{"trip*", `"trip"*`},
		{`"tripoli air"* ben*`, `"tripoli air" "ben"*`}, // a phrase is never a prefix
		{`NEAR(a b) col:x ^y`, `"NEAR" "a" "b" "col" "x" "y"`},
		{`a OR OR b OR`, `"a" OR "OR" "b"`}, // a second OR is the word itself
		{`OR`, `"OR"`},
	}
	for _, tt := range tests {
		if got := ftsQuery(textQuery(tt.in)); got != tt.want {
			t.Errorf("ftsQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzFTSQuery checks that any search that geo.ParseQuery accepts runs in
// SQLite without a syntax error.
func FuzzFTSQuery(f *testing.F) {
	s, _ := openFuzz(f)
	for _, seed := range []string{"tripoli", `"a b" OR c*`, `NEAR(`, `'; DROP TABLE articles; --`, `a AND NOT b`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		tq, err := geo.ParseQuery(q)
		if err != nil {
			return
		}
		err = s.PlaceSummaries(context.Background(), geo.Filter{Query: tq}, func(*geo.PlaceSummary) error { return nil })
		if err != nil {
			t.Fatalf("q=%q: %v", q, err)
		}
	})
}

func openFuzz(f *testing.F) (*Store, error) {
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	return s, nil
}

// openBench opens a store in the benchmark's temporary directory.
func openBench(b *testing.B) *Store {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func BenchmarkIngest(b *testing.B) {
	s := openBench(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := article("", time.Now().String()+string(rune(i)), day(1), tripoli, libya, fiji)
		a.Text += " " + time.Duration(i).String()
		if _, err := s.Ingest(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMentionPlansAgree runs each bounding-box query both ways the store
// may plan it, newest first through the time index and by place then
// sorted, and wants the same mentions in the same order.
func TestMentionPlansAgree(t *testing.T) {
	s := seed(t)
	ctx := context.Background()
	for i := 10; i < 16; i++ { // equal times, so the id breaks ties
		s.Ingest(ctx, article("", fmt.Sprintf("Tripoli again %d", i), day(i%3+4), tripoli, libya, tripoli))
	}
	box := &orb.Bound{Min: orb.Point{10, 20}, Max: orb.Point{20, 35}}
	from, to := day(5), day(8)
	for _, f := range []geo.Filter{
		{BBox: box, Limit: 5},
		{BBox: box, Limit: 4, Offset: 3},
		{BBox: box, Limit: 100, From: &from},
		{Limit: 100, From: &from, To: &to},
		{Limit: 3, Offset: 2, Country: "LY"},
		{BBox: box, Limit: 4, Offset: 1, Source: "wire", MinConfidence: 0.1},
	} {
		var got [2][]int64
		for i, byTime := range []bool{false, true} {
			if err := s.mentions(ctx, f, byTime, func(r *geo.MentionRow) error {
				got[i] = append(got[i], r.Mention.ID)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		if len(got[0]) == 0 || fmt.Sprint(got[0]) != fmt.Sprint(got[1]) {
			t.Errorf("%+v: by place %v, newest first %v", f, got[0], got[1])
		}
	}
}

// textQuery parses a search the tests know to be valid.
func textQuery(q string) geo.TextQuery {
	tq, err := geo.ParseQuery(q)
	if err != nil {
		panic(err)
	}
	return tq
}
