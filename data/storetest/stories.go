package storetest

import (
	"context"
	"testing"

	"mentionmap/geo"
)

const (
	wireCopy = "Dock workers in Rotterdam walked out on Thursday, leaving container ships waiting in the North Sea. " +
		"Shipping firms diverted cargo to Antwerp in Belgium and Hamburg in Germany. Dutch unions want higher pay after a year of inflation."
	otherStory = "Farmers in Niger and Mali say the rains failed for a third year. Aid groups in Niamey warned that food prices " +
		"in the Sahel have doubled, and herders are moving south toward Burkina Faso and northern Nigeria."
	secondWire = "A magnitude 6.8 earthquake struck off the coast of Chile late on Sunday. Buildings swayed in Santiago and " +
		"Valparaiso, and the navy briefly issued a tsunami warning for the Pacific coast. Chilean officials reported no deaths."
)

// testStories stores reprints of one wire copy by other outlets, in later
// batches and in one batch: they join the first copy's story, and other
// texts start their own.
func testStories(t *testing.T, s geo.ArticleStore) {
	ctx := context.Background()
	ss, ok := s.(geo.StoryStore)
	if !ok {
		t.Fatal("the store keeps no stories")
	}
	story := func(url, source, text string) *geo.Article {
		return &geo.Article{URL: url, Source: source, Text: text, Title: source, Published: ptr(day(1))}
	}
	first, other := story("https://wire.test/1", "Wire", wireCopy), story("https://sahel.test/1", "Sahel Daily", otherStory)
	reprint := story("https://port.test/9", "Port Gazette", "ROTTERDAM (Wire) — "+wireCopy+" Reporting by the Wire's staff.")
	again := story("https://north.test/2", "North Sea Journal", wireCopy+" More strikes are planned.")
	quake, quakeCopy := story("https://andes.test/1", "Andes Report", secondWire), story("https://pacific.test/7", "Pacific Bulletin", secondWire+" (Reuters)")
	for _, batch := range [][]*geo.Article{{first, other}, {reprint, again, quake, quakeCopy}} {
		if _, err := s.IngestBatch(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		a    *geo.Article
		want int64
	}{
		{"the first copy", first, first.ID},
		{"another text", other, other.ID},
		{"a reprint in a later batch", reprint, first.ID},
		{"a second reprint", again, first.ID},
		{"a new text", quake, quake.ID},
		{"its copy in the same batch", quakeCopy, quake.ID},
	} {
		got, err := s.Article(ctx, c.a.ID, 1, 0)
		if err != nil || c.a.Story != c.want || got.Story != c.want {
			t.Errorf("%s: story %d, read back %v (%v), want %d", c.name, c.a.Story, got, err, c.want)
		}
	}
	st, err := ss.Story(ctx, first.ID)
	if err != nil || len(st.Articles) != 3 || st.Articles[0].ID != first.ID || st.Outlets != 3 {
		t.Errorf("story %d: %+v (%v)", first.ID, st, err)
	}
	if _, err := ss.Story(ctx, 99999); geo.ErrorCode(err) != geo.ENOTFOUND {
		t.Errorf("an unknown story: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

// StoriesAcrossStores checks stores that share one database, as processes
// do: a reprint stored through one joins the story that another began,
// whether its own stories were read before the story began or after.
// another opens one more store on a's database.
func StoriesAcrossStores(t *testing.T, a geo.ArticleStore, another func() geo.ArticleStore) {
	ctx := context.Background()
	b := another()
	ingest := func(s geo.ArticleStore, url, text string) *geo.Article {
		t.Helper()
		art := &geo.Article{URL: url, Source: url, Text: text, Published: ptr(day(1))}
		if _, err := s.IngestBatch(ctx, []*geo.Article{art}); err != nil {
			t.Fatal(err)
		}
		return art
	}
	ingest(b, "https://sahel.test/1", otherStory) // b reads its stories now
	first := ingest(a, "https://wire.test/1", wireCopy)
	for _, c := range []struct {
		name  string
		store func() geo.ArticleStore
	}{
		{"a store that read its stories before", func() geo.ArticleStore { return b }},
		{"the store that began it", func() geo.ArticleStore { return a }},
		{"a store opened after", another},
	} {
		got := ingest(c.store(), "https://copy.test/"+c.name, "ROTTERDAM (Wire) — "+wireCopy+" "+c.name+".")
		if got.Story != first.ID {
			t.Errorf("%s: story %d, want %d", c.name, got.Story, first.ID)
		}
	}
}
