package sqlite

import (
	"context"
	"fmt"
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

// Ingest is IngestBatch for one article, for the tests of this package.
func (s *Store) Ingest(ctx context.Context, a *geo.Article) (created bool, err error) {
	c, err := s.IngestBatch(ctx, []*geo.Article{a})
	if err != nil {
		return false, err
	}
	return c[0], nil
}
