package sqlite

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// newsBatches builds n batches of size articles shaped like the corpus of
// `mentionmap bench`: about 1 KB of text, 16 mentions of 8 places out of
// 3,000, and times spread at random over two years. seed makes them
// deterministic, and different seeds give different texts.
func newsBatches(n, size int, seed int64) [][]*geo.Article {
	r := rand.New(rand.NewSource(seed))
	places := make([]geo.Place, 3000)
	for i := range places {
		places[i] = geo.Place{Key: fmt.Sprintf("P%d", i), GeonameID: int64(i + 1), Name: fmt.Sprintf("Town %d", i),
			Kind: geo.KindCity, Country: "XX", Point: orb.Point{r.Float64()*360 - 180, r.Float64()*170 - 85}}
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	batches := make([][]*geo.Article, n)
	for i := range batches {
		for j := 0; j < size; j++ {
			published := start.Add(time.Duration(r.Int63n(int64(700 * 24 * time.Hour))))
			text := strings.Repeat(fmt.Sprintf("Officials in the town said talks would go on, report %d-%d-%d. ", seed, i, j), 12)
			a := &geo.Article{URL: fmt.Sprintf("https://news.test/%d/%d/%d", seed, i, j), Title: "News", Source: "wire",
				Published: &published, Text: text}
			for k := 0; k < 16; k++ {
				p := places[r.Intn(len(places))]
				if k%2 == 0 {
					p = places[(i*size+j)%len(places)]
				}
				a.Mentions = append(a.Mentions, geo.Mention{Start: k * 10, End: k*10 + 6, Text: p.Name,
					Sentence: "Officials in the town said talks would go on.", Confidence: 0.8, Place: p})
			}
			batches[i] = append(batches[i], a)
		}
	}
	return batches
}

// BenchmarkIngestNews stores batches of 500 news-shaped articles (16
// mentions each) into a database that already holds 10,000; an op is one
// batch.
func BenchmarkIngestNews(b *testing.B) {
	s := openBench(b)
	ctx := context.Background()
	for _, batch := range newsBatches(20, 500, 1) {
		if _, err := s.IngestBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	batches := newsBatches(b.N, 500, 2)
	b.ResetTimer()
	for _, batch := range batches {
		if _, err := s.IngestBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*500)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkIngestBatchSize stores 10,000 news-shaped articles per op in
// batches of each size, into a database that already holds 10,000: the
// batch size of the CLI is chosen by it.
func BenchmarkIngestBatchSize(b *testing.B) {
	for _, size := range []int{1000, 2000, 5000, 10000} {
		b.Run(fmt.Sprintf("size=%d", size), func(b *testing.B) {
			s := openBench(b)
			ctx := context.Background()
			for _, batch := range newsBatches(10, 1000, 1) {
				if _, err := s.IngestBatch(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			batches := newsBatches(b.N*10000/size, size, 2)
			b.ResetTimer()
			for _, batch := range batches {
				if _, err := s.IngestBatch(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*10000)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// BenchmarkIngestIndexCost stores 10,000 news-shaped articles per op, in
// batches of 5,000, with the schema's indexes on mentions and with each
// one dropped: what each index costs ingest. The service needs them all
// (the article index for an article's mentions, and for every query by
// place, through place_articles); the variants only measure.
func BenchmarkIngestIndexCost(b *testing.B) {
	for _, v := range []struct{ name, drop string }{
		{"all", ""},
		{"without=mentions_article", "DROP INDEX mentions_article"},
	} {
		b.Run(v.name, func(b *testing.B) {
			s := openBench(b)
			ctx := context.Background()
			if v.drop != "" {
				if _, err := s.w.ExecContext(ctx, v.drop); err != nil {
					b.Fatal(err)
				}
			}
			for _, batch := range newsBatches(10, 1000, 1) {
				if _, err := s.IngestBatch(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			batches := newsBatches(b.N*2, 5000, 2)
			b.ResetTimer()
			for _, batch := range batches {
				if _, err := s.IngestBatch(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*10000)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
