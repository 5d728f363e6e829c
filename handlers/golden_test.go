package handlers_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"

	"mentionmap/data/postgis/pgtest"
	"mentionmap/handlers"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// volatile are the parts of an answer that change from run to run: the
// test server's address, and times of the run.
var volatile = []struct {
	re  *regexp.Regexp
	new string
}{
	{regexp.MustCompile(`http://127\.0\.0\.1:\d+`), "http://HOST"},
	{regexp.MustCompile(`"timeStamp":"[^"]*"`), `"timeStamp":"TIME"`},
}

// golden compares got with testdata/name, after taking out what varies;
// -update rewrites the file.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	for _, v := range volatile {
		got = v.re.ReplaceAll(got, []byte(v.new))
	}
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./handlers -run TestGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
	}
}

// TestGolden keeps the bodies that clients read: a change to any shows as
// a diff of its golden file. The PostGIS store must serve the same bodies
// for the same articles.
func TestGolden(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testGolden(t, seeded(t)) })
	t.Run("postgis", func(t *testing.T) {
		if *update {
			t.Skip("the golden files are written from the SQLite store")
		}
		store, _ := pgtest.Open(t)
		testGolden(t, seed(t, newServerOn(t, store, handlers.Options{}).URL))
	})
}

func testGolden(t *testing.T, base string) {
	for _, c := range []struct{ file, path, accept string }{
		{"features-places.geojson", "/features.geojson", ""},
		{"features-mentions.geojson", "/features.geojson?group=mention", ""},
		{"features-mentions.csv", "/features.geojson?group=mention&f=csv", ""},
		{"places-items.csv", "/collections/places/items?f=csv", ""},
		{"api.json", "/api", ""},
		{"landing.json", "/", "application/json"},
		{"landing.html", "/", "text/html"},
		{"tiles.json", "/tiles.json", ""},
		{"timeline-day.json", "/timeline", ""},
		{"timeline-place-week.json", "/places/1/timeline?interval=week&from=2026-02-20&to=2026-03-10", ""},
		{"timeline-month-q.json", "/timeline?interval=month&q=libya", ""},
	} {
		t.Run(c.file, func(t *testing.T) {
			res, body := do(t, "GET", base+c.path, "", "", "Accept", c.accept)
			if res.StatusCode != 200 {
				t.Fatalf("%d %s", res.StatusCode, body)
			}
			golden(t, c.file, body)
		})
	}
	t.Run("tile-2-2-1.txt", func(t *testing.T) {
		res, body := do(t, "GET", base+"/tiles/2/2/1.mvt", "", "")
		if res.StatusCode != 200 {
			t.Fatalf("%d", res.StatusCode)
		}
		layers, err := mvt.Unmarshal(body)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "tile-2-2-1.txt", describeTile(layers))
	})
}

// describeTile writes a decoded tile as text, one feature a line, in tile
// coordinates: what a diff can show.
func describeTile(layers mvt.Layers) []byte {
	var b strings.Builder
	for _, l := range layers {
		fmt.Fprintf(&b, "layer %s, version %d, extent %d, %d features\n", l.Name, l.Version, l.Extent, len(l.Features))
		var lines []string
		for _, f := range l.Features {
			props, _ := json.Marshal(f.Properties)
			lines = append(lines, fmt.Sprintf("%v %v %s", f.ID, f.Geometry, props))
		}
		sort.Strings(lines)
		b.WriteString(strings.Join(lines, "\n") + "\n")
	}
	return []byte(b.String())
}
