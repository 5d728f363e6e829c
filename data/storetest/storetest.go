// Package storetest is the conformance suite of geo.ArticleStore: any
// store that passes it serves the API as the SQLite store does. It works
// through the interface alone, and checks every stream against an oracle
// computed here from the articles themselves.
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) geo.ArticleStore { return open(t) })
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// Run runs the suite; open returns a new, empty store, closed by the test's
// cleanup.
func Run(t *testing.T, open func(t *testing.T) geo.ArticleStore) {
	for _, c := range []struct {
		name string
		test func(*testing.T, geo.ArticleStore)
	}{
		{"IngestIsIdempotent", testIdempotent},
		{"BatchIsAllOrNothing", testAllOrNothing},
		{"NotFound", testNotFound},
		{"Filters", testFilters},
		{"OrderAndPages", testOrderAndPages},
		{"Version", testVersion},
		{"ArticlePages", testArticlePages},
		{"Cancellation", testCancellation},
		{"TotalsUnderConcurrentWrites", testConcurrentTotals},
		{"SourceHistory", testSourceHistory},
		{"ChangeLog", testChangeLog},
		{"Timeline", testTimeline},
		{"Reasons", testReasons},
		{"Watches", testWatches},
		{"KnownNames", testKnownNames},
		{"Deliveries", testDeliveries},
		{"Corrections", testCorrections},
		{"CorrectionsAtOnce", testCorrectionsAtOnce},
		{"Revisions", testRevisions},
		{"Stories", testStories},
		{"FocusAndStories", testFocusAndStories},
		{"Sentences", testSentences},
	} {
		t.Run(c.name, func(t *testing.T) { c.test(t, open(t)) })
	}
}

// Places of the fixture: on both sides of the antimeridian, of every kind
// the filters tell apart.
var (
	tripoli = geo.Place{Key: "2210247", GeonameID: 2210247, Name: "Tripoli", Kind: geo.KindCity, Country: "LY", Admin1: "77", Point: orb.Point{13.18733, 32.88743}}
	libya   = geo.Place{Key: "LY", Name: "Libya", Kind: geo.KindCountry, Country: "LY", Point: orb.Point{17, 25}}
	paris   = geo.Place{Key: "2988507", GeonameID: 2988507, Name: "Paris", Kind: geo.KindCity, Country: "FR", Admin1: "11", Point: orb.Point{2.3488, 48.85341}}
	texas   = geo.Place{Key: "US.TX", Name: "Texas", Kind: geo.KindAdmin1, Country: "US", Admin1: "TX", Point: orb.Point{-99.25, 31.25}}
	fiji    = geo.Place{Key: "FJ", Name: "Fiji", Kind: geo.KindCountry, Country: "FJ", Point: orb.Point{179.5, -17.8}}
	apia    = geo.Place{Key: "4035413", GeonameID: 4035413, Name: "Apia", Kind: geo.KindCity, Country: "WS", Admin1: "11", Point: orb.Point{-171.76666, -13.83333}}
	med     = geo.Place{Key: "mediterranean", Name: "Mediterranean Sea", Kind: geo.KindWater, Point: orb.Point{18, 35}}
)

// day is noon on a day of January 2026.
func day(d int) time.Time { return time.Date(2026, 1, d, 12, 0, 0, 0, time.UTC) }

// article makes an article whose i-th mention is of ps[i], with a
// confidence of 0.5 + i/10; a country is mentioned as a demonym, and the
// first place is the article's focus.
func article(url, source, text string, published time.Time, ps ...geo.Place) *geo.Article {
	a := &geo.Article{URL: url, Title: "About " + text, Source: source, Text: text, Published: &published}
	for i, p := range ps {
		a.Mentions = append(a.Mentions, geo.Mention{Start: i, End: i + 1, Text: p.Name, Sentence: text,
			Confidence: 0.5 + float64(i)/10, Demonym: p.Kind == geo.KindCountry, Place: p, Focus: i == 0})
	}
	return a
}

// fixture is a dozen articles over two sources and ten days.
func fixture() []*geo.Article {
	return []*geo.Article{
		article("https://x.test/1", "wire", "Militias fought near Tripoli airport", day(1), tripoli, libya),
		article("https://x.test/2", "wire", "Tripoli harbour reopened", day(2), tripoli),
		article("https://x.test/3", "local", "Cyclone nears Fiji and Apia", day(3), fiji, apia),
		article("https://x.test/4", "wire", "Talks in Paris on Libya", day(4), paris, libya, tripoli),
		article("https://x.test/5", "local", "Storms over the Mediterranean", day(5), med),
		article("https://x.test/6", "wire", "Drought in Texas", day(6), texas),
		article("https://x.test/7", "local", "Apia harbour flooded", day(7), apia, fiji),
		article("https://x.test/8", "wire", "Militias fought again in Tripoli", day(8), tripoli, tripoli, libya),
		article("", "local", "Paris and Texas trade talks", day(9), paris, texas),
		article("https://x.test/10", "wire", "Airport strike in Paris", day(10), paris),
	}
}

// seed stores the fixture in one batch and returns it.
func seed(t *testing.T, s geo.ArticleStore) []*geo.Article {
	t.Helper()
	arts := fixture()
	if _, err := s.IngestBatch(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	return arts
}

func testIdempotent(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	first := article("https://x.test/1", "wire", "Clashes in Tripoli, Libya", day(1), tripoli, libya)
	created, err := s.IngestBatch(ctx, []*geo.Article{first})
	if err != nil || !created[0] || first.ID == 0 {
		t.Fatalf("first ingest: %v %v, id %d", created, err, first.ID)
	}
	for _, again := range []*geo.Article{
		article("https://x.test/1", "wire", "another text", day(2), libya),                       // same URL
		article("https://x.test/other", "wire", "Clashes in Tripoli, Libya", day(2), libya),      // same text
		article("", "", "Clashes in Tripoli, Libya", day(3)),                                     // same text, no URL
		article("https://x.test/1", "wire", "Clashes in Tripoli, Libya", day(1), tripoli, libya), // both
	} {
		created, err := s.IngestBatch(ctx, []*geo.Article{again})
		if err != nil || created[0] {
			t.Fatalf("again: created %v, %v", created, err)
		}
		if again.ID != first.ID || again.Text != first.Text || len(again.Mentions) != 2 {
			t.Errorf("again: got article %d %q with %d mentions, want the stored one", again.ID, again.Text, len(again.Mentions))
		}
	}
	// Twice in one batch: the second is the first.
	a, b := article("https://x.test/9", "", "Twice", day(4), paris), article("https://x.test/9", "", "Twice", day(4), paris)
	created, err = s.IngestBatch(ctx, []*geo.Article{a, b})
	if err != nil || !created[0] || created[1] || a.ID != b.ID {
		t.Errorf("a batch with a duplicate: %v %v, ids %d %d", created, err, a.ID, b.ID)
	}
	if n, err := s.CountMentions(ctx, geo.Filter{}); err != nil || n != 3 {
		t.Errorf("%d mentions stored (%v), want 3", n, err)
	}
}

func testAllOrNothing(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	nowhere := geo.Place{Key: "nan", Name: "Nowhere", Kind: geo.KindCity, Point: orb.Point{math.NaN(), math.NaN()}}
	good := article("https://x.test/good", "wire", "Tripoli", day(1), tripoli)
	bad := article("https://x.test/bad", "wire", "Somewhere odd", day(2), tripoli, nowhere)
	empty := &geo.Article{URL: "https://x.test/empty"}
	for _, batch := range [][]*geo.Article{{good, bad}, {good, empty}} {
		if _, err := s.IngestBatch(ctx, batch); err == nil {
			t.Fatal("a batch with a bad article was stored")
		}
		if n, _ := s.CountMentions(ctx, geo.Filter{}); n != 0 {
			t.Fatalf("%d mentions stored by a failed batch", n)
		}
		if arts, _ := s.Articles(ctx, 10, 0); len(arts) != 0 {
			t.Fatalf("%d articles stored by a failed batch", len(arts))
		}
	}
	// Nothing of the failed batches (such as a place's id) lingers.
	good = article("https://x.test/good", "wire", "Tripoli", day(1), tripoli)
	if _, err := s.IngestBatch(ctx, []*geo.Article{good}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Place(ctx, good.Mentions[0].Place.ID, 5); err != nil {
		t.Errorf("the place of the stored article: %v", err)
	}
}

func testNotFound(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	if _, err := s.Article(ctx, 42, 10, 0); geo.ErrorCode(err) != geo.ENOTFOUND {
		t.Errorf("Article: %v", err)
	}
	if _, _, err := s.Place(ctx, 42, 5); geo.ErrorCode(err) != geo.ENOTFOUND {
		t.Errorf("Place: %v", err)
	}
}

func testVersion(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	version := func() int64 {
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v0 := version()
	arts := seed(t, s)
	v1 := version()
	if v1 == v0 {
		t.Fatal("storing articles did not move the version")
	}
	s.Mentions(ctx, geo.Filter{}, func(*geo.MentionRow) error { return nil })
	s.CountPlaces(ctx, geo.Filter{})
	again := *arts[0]
	again.ID = 0
	if _, err := s.IngestBatch(ctx, []*geo.Article{&again}); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != v1 {
		t.Errorf("reads and a duplicate moved the version from %d to %d", v1, v)
	}
	if _, err := s.IngestBatch(ctx, []*geo.Article{article("https://x.test/new", "", "New", day(11), paris)}); err != nil {
		t.Fatal(err)
	}
	if version() == v1 {
		t.Error("a new article did not move the version")
	}
}

func testArticlePages(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	arts := seed(t, s)
	a := arts[7] // three mentions
	got, err := s.Article(ctx, a.ID, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != a.Text || got.MentionCount != 3 || len(got.Mentions) != 2 || got.Mentions[0].Start != 1 {
		t.Errorf("page 2,1 of article %d: text %q, %d of %d mentions, first at %d", a.ID, got.Text, len(got.Mentions), got.MentionCount, got.Mentions[0].Start)
	}
	list, err := s.Articles(ctx, 3, 0)
	if err != nil || len(list) != 3 || list[0].URL != "https://x.test/10" || list[0].Text != "" || list[0].MentionCount != 1 {
		t.Errorf("Articles(3, 0): %+v, %v", list, err)
	}
}

func testCancellation(t *testing.T, s geo.ArticleStore) {
	seed(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rows := 0
	err := s.Mentions(ctx, geo.Filter{}, func(*geo.MentionRow) error { rows++; return nil })
	if err == nil {
		t.Errorf("Mentions with a cancelled context: %d rows and no error", rows)
	}
	if _, err := s.IngestBatch(ctx, []*geo.Article{article("https://x.test/late", "", "Late", day(12), paris)}); err == nil {
		t.Error("IngestBatch with a cancelled context stored the batch")
	}
	// Stopping a stream from its callback ends it with that error.
	stop := fmt.Errorf("enough")
	n := 0
	err = s.Mentions(context.Background(), geo.Filter{}, func(*geo.MentionRow) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("a callback's error: %v after %d rows", err, n)
	}
}

// testConcurrentTotals stores batches from four writers at once, over the
// same places and with duplicates between them: the totals per place that
// a place-only listing reads equal a recount of the mentions.
func testConcurrentTotals(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	places := []geo.Place{tripoli, libya, paris, texas, fiji, apia, med}
	errs := make(chan error, 4)
	for w := range 4 {
		go func() {
			var err error
			for b := 0; b < 5 && err == nil; b++ {
				var batch []*geo.Article
				for i := range 10 {
					n := (w*50 + b*10 + i) % 120 // writers overlap: some articles are stored twice
					batch = append(batch, article(fmt.Sprintf("https://c.test/%d", n), "wire", fmt.Sprintf("Report %d", n),
						day(1+n%20), places[n%7], places[(n+3)%7], places[n%7]))
				}
				_, err = s.IngestBatch(ctx, batch)
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	totals := func(f geo.Filter) string {
		var out []string
		err := s.PlaceSummaries(ctx, f, func(p *geo.PlaceSummary) error {
			out = append(out, fmt.Sprintf("%s %d/%d %s..%s %v", p.Place.Key, p.Mentions, p.Articles, p.FirstSeen, p.LastSeen, len(p.Latest)))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(out)
	}
	kept, recount := totals(geo.Filter{}), totals(geo.Filter{MinConfidence: 0.01}) // the second counts mentions
	if kept != recount {
		t.Errorf("the totals kept differ from a recount:\n%s\n%s", kept, recount)
	}
	if n, _ := s.CountMentions(ctx, geo.Filter{}); n != 3*120 {
		t.Errorf("%d mentions stored, want %d (each article once)", n, 3*120)
	}
}

// testSourceHistory replays the newest articles of each source, oldest
// first, within the limits, for a store that keeps source history.
func testSourceHistory(t *testing.T, s geo.ArticleStore) {
	h, ok := s.(geo.SourceHistory)
	if !ok {
		t.Skip("the store keeps no source history")
	}
	ctx := context.Background()
	arts := seed(t, s)
	last, err := h.LastArticleID(ctx)
	if err != nil || last != arts[len(arts)-1].ID {
		t.Fatalf("LastArticleID = %d, %v; want %d", last, err, arts[len(arts)-1].ID)
	}
	var got []string
	err = h.SourceHistory(ctx, last, 2, 3, func(source string, ms []geo.Mention) error {
		got = append(got, fmt.Sprintf("%s:%d", source, len(ms)))
		return nil
	})
	// Newest first: 10 (wire), 9 (local), 8 (wire, 3 mentions); replayed oldest first.
	if want := "[wire:3 local:2 wire:1]"; err != nil || fmt.Sprint(got) != want {
		t.Errorf("SourceHistory = %v, %v; want %s", got, err, want)
	}
}

// testReasons checks that a mention's reasons come back as they were
// stored, in an article and in the mention rows, and that a mention
// without them reads as none.
func testReasons(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	why := &geo.Why{
		Candidates: []geo.Candidate{{Key: "2210247", Name: "Tripoli", Kind: geo.KindCity, Country: "LY", Admin1: "77", Score: 0.66},
			{Key: "LB.05", Name: "Tripoli", Kind: geo.KindAdmin1, Country: "LB", Score: 0.04}},
		Reasons: []string{"Libya named 2 times", `qualifier "Libya"`},
	}
	a := article("https://x.test/why", "wire", "Tripoli, Libya", day(1), tripoli, libya)
	a.Mentions[0].Why = why
	if _, err := s.IngestBatch(ctx, []*geo.Article{a}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, a.ID, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Mentions[0].Why, why) || got.Mentions[1].Why != nil {
		t.Errorf("article's reasons: %+v and %+v, want %+v and none", got.Mentions[0].Why, got.Mentions[1].Why, why)
	}
	var rows []*geo.Why
	err = s.Mentions(ctx, geo.Filter{Limit: 10}, func(r *geo.MentionRow) error {
		rows = append(rows, r.Mention.Why)
		return nil
	})
	if err != nil || len(rows) != 2 || !reflect.DeepEqual(rows[1], why) && !reflect.DeepEqual(rows[0], why) {
		t.Errorf("mention rows' reasons: %v, %v", rows, err)
	}
}

// testWatches checks that watches are kept as given, listed oldest first,
// and that an unknown one is not found and a bad one refused.
func testWatches(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	ws, ok := s.(geo.WatchStore)
	if !ok {
		t.Fatal("the store keeps no watches")
	}
	libya := &geo.Watch{Name: " Libya ", BBox: geo.BBox{9, 19, 26, 34}, Filter: "q=militias&kind=city"}
	fiji := &geo.Watch{Name: "Fiji", BBox: geo.BBox{176, -21, -178, -12}}
	for _, w := range []*geo.Watch{libya, fiji} {
		if err := ws.CreateWatch(ctx, w); err != nil {
			t.Fatal(err)
		}
		if w.ID == 0 || time.Since(w.Created) > time.Minute {
			t.Fatalf("created %+v", w)
		}
	}
	got, err := ws.Watch(ctx, libya.ID)
	if err != nil || !reflect.DeepEqual(got, libya) || got.Name != "Libya" {
		t.Errorf("Watch(%d) = %+v, %v; want %+v", libya.ID, got, err, libya)
	}
	all, err := ws.Watches(ctx)
	if err != nil || len(all) != 2 || all[0].ID != libya.ID || !reflect.DeepEqual(all[1], *fiji) {
		t.Errorf("Watches() = %+v, %v", all, err)
	}
	if _, err := ws.Watch(ctx, 9999); geo.ErrorCode(err) != geo.ENOTFOUND {
		t.Errorf("an unknown watch: %v", err)
	}
	if err := ws.CreateWatch(ctx, &geo.Watch{Name: "empty", BBox: geo.BBox{9, 19, 9, 19}}); geo.ErrorCode(err) != geo.EINVALID {
		t.Errorf("an empty area: %v", err)
	}
}
