package main

import (
	"fmt"
	"math/rand"
	"strings"
	"time"

	"mentionmap/gazetteer"
	"mentionmap/geo"
)

// benchSources are the fictional outlets of the synthetic corpus.
var benchSources = []string{"Northern Ledger", "Desert Monitor", "Pacific Bulletin", "Andes Report", "Aegean Post",
	"Iberia News", "Caucasus Review", "Gulf Health Desk", "Valle Herald", "Atlantic Courier", "Alpine Bulletin",
	"Continental Business", "Subcontinent Daily", "East Africa Observer", "Black Sea Monitor", "Rio Correspondent",
	"Southern Cross Times", "North Sea Journal", "Horn of Africa Digest", "Adriatic Wire"}

// benchSentences are templates; %[1]s and %[2]s are cities, %[3]s a country.
var benchSentences = []string{
	"Officials in %[1]s said the talks with delegates from %[2]s would continue next week.",
	"Heavy rain flooded roads between %[1]s and %[2]s, and schools in %[3]s were closed.",
	"Protesters gathered in central %[1]s on Tuesday, while police in %[2]s made several arrests.",
	"Prices of bread rose again in %[1]s, traders told reporters, as imports from %[3]s slowed.",
	"A new rail line will link %[1]s with %[2]s by the end of next year, the ministry said.",
	"Health workers in %[1]s reported more cases, and clinics near %[2]s asked for supplies.",
	"The mayor of %[1]s met business leaders from %[3]s to discuss investment in the port.",
	"Firefighters from %[2]s were sent to %[1]s after strong winds spread the flames.",
}

// benchCorpus builds n articles deterministically (from seed) from the
// templates over cities of at least 100,000 people and countries in the
// gazetteer. URLs start with prefix, so two corpora do not overlap.
func benchCorpus(g *gazetteer.Gazetteer, n int, seed int64, prefix string) []*geo.Article {
	var cities, countries []geo.Place
	for i := 0; i < g.Len(); i++ {
		p := g.At(i)
		switch {
		case p.Kind == geo.KindCity && p.Population >= 100_000:
			cities = append(cities, p)
		case p.Kind == geo.KindCountry:
			countries = append(countries, p)
		}
	}
	r := rand.New(rand.NewSource(seed))
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	arts := make([]*geo.Article, n)
	for i := range arts {
		var b strings.Builder
		home := cities[r.Intn(len(cities))]
		for s := 0; s < 10; s++ {
			c2 := cities[r.Intn(len(cities))]
			country := countries[r.Intn(len(countries))]
			if s%2 == 0 {
				c2 = home
			}
			fmt.Fprintf(&b, benchSentences[r.Intn(len(benchSentences))]+" ", home.Name, c2.Name, country.Name)
		}
		published := start.Add(time.Duration(r.Int63n(int64(700 * 24 * time.Hour))))
		arts[i] = &geo.Article{
			URL:       fmt.Sprintf("https://bench.invalid/%s/%d", prefix, i),
			Title:     fmt.Sprintf("News from %s (%d)", home.Name, i),
			Source:    benchSources[r.Intn(len(benchSources))],
			Published: &published,
			Text:      b.String(),
		}
	}
	return arts
}
