package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mentionmap/geo"
)

// TestMigratesOlderSchema opens a database left at schema version 1 and
// checks that Open upgrades it and keeps its data.
func TestMigratesOlderSchema(t *testing.T) {
	db, path := oldDatabase(t, 1)
	if _, err := db.Exec(`INSERT INTO articles (title, ingested, time, text, hash) VALUES ('old', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'old text', 'h1');
		INSERT INTO places (key, name, kind, lon, lat) VALUES ('LY', 'Libya', 'country', 17, 25);
		INSERT INTO mentions (article_id, place_id, start, end, text, sentence, confidence, time) VALUES (1, 1, 0, 5, 'Libya', 'Libya.', 0.9, '2020-01-01T00:00:00Z');
		INSERT INTO articles (title, ingested, time, text, hash) VALUES ('new', '2020-01-02T00:00:00Z', '2020-01-02T00:00:00Z', 'Élan. Fighting in Libya – again. Élan.', 'h2');
		INSERT INTO mentions (article_id, place_id, start, end, text, sentence, confidence, time) VALUES (2, 1, 20, 25, 'Libya', 'Fighting in Libya – again.', 0.9, '2020-01-02T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	s := upgrade(t, db, path)
	var version int
	var index string
	s.r.QueryRow("PRAGMA user_version").Scan(&version)
	s.r.QueryRow("SELECT name FROM sqlite_master WHERE name = 'articles_source'").Scan(&index)
	files, _ := migrations.ReadDir("migrations")
	if version != len(files) || index == "" {
		t.Errorf("version %d (want %d), index %q after migration", version, len(files), index)
	}
	var stats, a1, a2 int
	var t1 string
	s.r.QueryRow("SELECT mentions, t1, a1, a2 FROM place_stats WHERE place_id = 1").Scan(&stats, &t1, &a1, &a2)
	if stats != 2 || t1 != "2020-01-02T00:00:00Z" || a1 != 2 || a2 != 1 {
		t.Errorf("place_stats not backfilled: %d %s %d %d", stats, t1, a1, a2)
	}
	if a, err := s.Article(context.Background(), 1, geo.MaxMentions, 0); err != nil || a.Title != "old" {
		t.Errorf("old article after migration: %+v %v", a, err)
	}
	// Migration 0008 kept the sentence that is in the text as a span of it,
	// and the one that is not as a copy.
	for id, want := range map[int64]string{1: "Libya.", 2: "Fighting in Libya – again."} {
		a, err := s.Article(context.Background(), id, geo.MaxMentions, 0)
		if err != nil || len(a.Mentions) != 1 || a.Mentions[0].Sentence != want {
			t.Errorf("article %d after migration: %+v %v, want the sentence %q", id, a, err, want)
		}
	}
	var copies int
	s.r.QueryRow("SELECT count(*) FROM mentions WHERE sentence IS NOT NULL").Scan(&copies)
	if copies != 1 {
		t.Errorf("%d sentences kept as copies, want 1", copies)
	}
	// Migration 0006 turned the mention's RFC 3339 time into Unix seconds,
	// and time filters still select it.
	var unix int64
	s.r.QueryRow("SELECT time FROM mentions WHERE id = 1").Scan(&unix)
	if want := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix(); unix != want {
		t.Errorf("mention time %d after migration, want %d", unix, want)
	}
	for _, tt := range []struct {
		from, to string
		want     int
	}{{"2019-12-31T23:59:59Z", "2020-01-01T00:00:01Z", 1}, {"2020-01-01T00:00:01Z", "2020-01-02T00:00:00Z", 0}, {"2020-01-01T00:00:01Z", "2021-01-01T00:00:00Z", 1}} {
		from, _ := time.Parse(time.RFC3339, tt.from)
		to, _ := time.Parse(time.RFC3339, tt.to)
		n := 0
		err := s.Mentions(context.Background(), geo.Filter{From: &from, To: &to, Limit: 10}, func(*geo.MentionRow) error { n++; return nil })
		if err != nil || n != tt.want {
			t.Errorf("mentions from %s to %s: %d (%v), want %d", tt.from, tt.to, n, err, tt.want)
		}
	}
}

func TestOpenFailsClearly(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.db")
	os.WriteFile(corrupt, []byte("this is not a database, just text that is long enough to look like a header"), 0o644)
	tests := []struct{ name, path, want string }{
		{"corrupt", corrupt, "SQLite database"},
		{"missing directory", filepath.Join(dir, "no", "such", "dir", "x.db"), "directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(context.Background(), tt.path, nil)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if msg := err.Error(); !strings.Contains(msg, tt.path) || !strings.Contains(msg, tt.want) {
				t.Errorf("message %q should name the file and say %q", msg, tt.want)
			}
		})
	}
}

// TestConcurrentWritersAndReaders runs 8 writers and 8 readers at once:
// no errors, no SQLITE_BUSY, and every write is there afterwards.
func TestConcurrentWritersAndReaders(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	const writers, readers, each = 8, 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each+readers*each)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				a := article(fmt.Sprintf("https://x.test/%d/%d", w, i), fmt.Sprintf("Tripoli %d %d", w, i), day(1+i%20), tripoli, libya)
				if _, err := s.Ingest(ctx, a); err != nil {
					errs <- err
				}
			}
		}(w)
	}
	for r := 0; r < readers; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				err := s.PlaceSummaries(ctx, geo.Filter{Limit: 10}, func(*geo.PlaceSummary) error { return nil })
				if err == nil {
					_, err = s.Articles(ctx, 10, 0)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var n int
	s.r.QueryRow("SELECT count(*) FROM articles").Scan(&n)
	if n != writers*each {
		t.Errorf("%d articles, want %d", n, writers*each)
	}
}

// TestConcurrentOpensMigrateOnce opens one new database from several
// stores at once, as replicas starting together do: each migration runs
// once, and every store opens.
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "race.db")
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := Open(context.Background(), path, nil)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
