package handlers_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"mentionmap/data/sqlite"
	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/handlers"
)

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
)

// newServer starts the API on a fresh database file.
func newServer(t *testing.T, opts handlers.Options) *httptest.Server {
	t.Helper()
	gazOnce.Do(func() {
		var err error
		if gaz, err = gazetteer.Default(); err != nil {
			panic(err)
		}
	})
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "api.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return newServerOn(t, store, opts)
}

// newServerOn starts the API on store.
func newServerOn(t *testing.T, store geo.ArticleStore, opts handlers.Options) *httptest.Server {
	t.Helper()
	gazOnce.Do(func() {
		var err error
		if gaz, err = gazetteer.Default(); err != nil {
			panic(err)
		}
	})
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if opts.BBoxes == nil {
		opts.BBoxes, opts.Places = gaz, gaz // as serve wires them
	}
	srv := httptest.NewServer(handlers.New(store, gazetteer.NewParser(gaz), opts))
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, method, url, ctype, body string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultTransport.RoundTrip(req) // no transparent gzip
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

const libya = `{"url":"https://x.test/1","title":"Sirte","source":"wire","published":"2026-03-01T10:00:00Z","text":"Libyan forces entered Sirte, Libya, on Monday."}`

func TestPostArticles(t *testing.T) {
	srv := newServer(t, handlers.Options{MaxBodyBytes: 1000})
	tests := []struct {
		name, ctype, body string
		status            int
		wantType          string
	}{
		{"json", "application/json", libya, 201, "application/json"},
		{"json again", "application/json", libya, 200, "application/json"},
		{"plain text", "text/plain; charset=utf-8", "Floods hit Dhaka, Bangladesh.", 201, "application/json"},
		{"ndjson batch", "application/x-ndjson", `{"text":"Rain in Lagos, Nigeria."}` + "\n" + `{"text":"Snow in Oslo, Norway."}`, 201, "application/json"},
		{"malformed json", "application/json", `{"text":`, 400, "application/problem+json"},
		{"missing text", "application/json", `{"title":"x"}`, 400, "application/problem+json"},
		{"text not a string", "application/json", `{"text":42}`, 400, "application/problem+json"},
		{"empty body", "application/json", "", 400, "application/problem+json"},
		{"blank text", "application/json", `{"text":"   "}`, 400, "application/problem+json"},
		{"bad published", "application/json", `{"text":"Rome","published":"yesterday"}`, 400, "application/problem+json"},
		{"unsupported type", "application/xml", "<a/>", 415, "application/problem+json"},
		{"too large", "text/plain", strings.Repeat("Paris ", 300), 413, "application/problem+json"},
		{"not utf-8", "text/plain", "Caf\xe9 in Paris", 400, "application/problem+json"},
		{"nul byte", "text/plain", "Paris\x00", 400, "application/problem+json"},
		{"bad batch line stores nothing", "application/x-ndjson", `{"text":"Rain in Accra, Ghana."}` + "\n" + `{"text":1}`, 400, "application/problem+json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := do(t, "POST", srv.URL+"/articles", tt.ctype, tt.body)
			if res.StatusCode != tt.status || !strings.HasPrefix(res.Header.Get("Content-Type"), tt.wantType) {
				t.Fatalf("status %d %s, want %d %s: %s", res.StatusCode, res.Header.Get("Content-Type"), tt.status, tt.wantType, body)
			}
			if tt.status >= 400 {
				var p struct {
					Status int
					Detail string
				}
				if json.Unmarshal(body, &p) != nil || p.Status != tt.status || p.Detail == "" {
					t.Errorf("problem body = %s", body)
				}
			}
		})
	}
	// The rejected batch stored nothing.
	_, body := do(t, "GET", srv.URL+"/features.geojson?q=Accra", "", "")
	if strings.Contains(string(body), "Accra") {
		t.Errorf("a rejected batch left data behind: %s", body)
	}
}

func TestReadEndpoints(t *testing.T) {
	srv := newServer(t, handlers.Options{})
	res, body := do(t, "POST", srv.URL+"/articles", "application/json", libya)
	var a struct {
		ID       int64
		Mentions []struct {
			Text  string
			Place struct {
				ID       int64
				Name     string
				Lon, Lat float64
			}
		}
	}
	if err := json.Unmarshal(body, &a); err != nil || res.StatusCode != 201 || len(a.Mentions) != 3 {
		t.Fatalf("post: %d %s", res.StatusCode, body)
	}
	if a.Mentions[1].Place.Name != "Sirte" || a.Mentions[1].Place.Lon < 16 {
		t.Errorf("Sirte mention = %+v", a.Mentions[1])
	}
	placeID := itoa(a.Mentions[1].Place.ID)
	tests := []struct {
		name, path string
		status     int
		contains   string
	}{
		{"health", "/healthz", 200, `"ok"`},
		{"articles", "/articles", 200, `"title":"Sirte"`},
		{"articles paged", "/articles?limit=1&offset=1", 200, `"articles":[]`},
		{"articles bad limit", "/articles?limit=-1", 400, "limit"},
		{"article", "/articles/" + itoa(a.ID), 200, `"text":"Libyan forces`},
		{"article missing", "/articles/999", 404, "not found"},
		{"article bad id", "/articles/abc", 404, "not found"},
		{"place", "/places/" + placeID, 200, `"name":"Sirte"`},
		{"place missing", "/places/999", 404, "not found"},
		{"features", "/features.geojson", 200, `"name":"Sirte"`},
		{"features by mention", "/features.geojson?group=mention", 200, `"sentence":"Libyan forces entered Sirte`},
		{"features bbox", "/features.geojson?bbox=16,30,17,32", 200, `"mentions":1`},
		{"features q", "/features.geojson?q=monday", 200, "Sirte"},
		{"features date range", "/features.geojson?from=2026-03-01&to=2026-03-01", 200, "Sirte"},
		{"features country", "/features.geojson?country=ly&kind=city", 200, "Sirte"},
		{"features demonyms", "/features.geojson?demonyms=exclude&min_confidence=0.1", 200, "Sirte"},
		{"features antimeridian", "/features.geojson?bbox=170,-10,-170,10", 200, `"features":[]`},
		{"bad bbox", "/features.geojson?bbox=1,2,3", 400, "bbox"},
		{"bbox lat", "/features.geojson?bbox=0,-91,10,10", 400, "latitudes"},
		{"bbox inverted lat", "/features.geojson?bbox=0,10,10,0", 400, "bbox"},
		{"bad date", "/features.geojson?from=March", 400, "from"},
		{"inverted dates", "/features.geojson?from=2026-03-05&to=2026-03-01", 400, "before"},
		{"bad kind", "/features.geojson?kind=planet", 400, "kind"},
		{"bad country", "/features.geojson?country=Libya", 400, "country"},
		{"bad confidence", "/features.geojson?min_confidence=2", 400, "min_confidence"},
		{"bad group", "/features.geojson?group=x", 400, "group"},
		{"bad query", `/features.geojson?q=%22open`, 400, "quote"},
		{"bad offset", "/features.geojson?offset=x", 400, "offset"},
		{"unknown route", "/nope", 404, "no route"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := do(t, "GET", srv.URL+tt.path, "", "")
			if res.StatusCode != tt.status || !strings.Contains(string(body), tt.contains) {
				t.Errorf("GET %s = %d %s, want %d containing %q", tt.path, res.StatusCode, body, tt.status, tt.contains)
			}
			if tt.status >= 400 && res.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("error content type %q", res.Header.Get("Content-Type"))
			}
		})
	}
	if res, _ := do(t, "DELETE", srv.URL+"/articles", "", ""); res.StatusCode != 405 {
		t.Errorf("DELETE /articles = %d, want 405", res.StatusCode)
	}
}

func TestFeaturesHTTPFeatures(t *testing.T) {
	srv := newServer(t, handlers.Options{})
	do(t, "POST", srv.URL+"/articles", "application/json", libya)
	res, body := do(t, "GET", srv.URL+"/features.geojson", "", "", "Origin", "https://map.test")
	if res.Header.Get("Content-Type") != "application/geo+json" || res.Header.Get("Access-Control-Allow-Origin") == "" {
		t.Errorf("headers = %v", res.Header)
	}
	var fc struct {
		Type     string
		Features []struct {
			ID       int64
			Geometry struct{ Coordinates []float64 }
		}
	}
	if err := json.Unmarshal(body, &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("collection: %v %s", err, body)
	}
	for _, f := range fc.Features {
		if lon, lat := f.Geometry.Coordinates[0], f.Geometry.Coordinates[1]; lon < 10 || lon > 25 || lat < 20 || lat > 35 {
			t.Errorf("feature %d at %v: not lon/lat in Libya", f.ID, f.Geometry.Coordinates)
		}
	}
	etag := res.Header.Get("ETag")
	if res, _ := do(t, "GET", srv.URL+"/features.geojson", "", "", "If-None-Match", etag); res.StatusCode != 304 {
		t.Errorf("If-None-Match: %d, want 304", res.StatusCode)
	}
	res, zbody := do(t, "GET", srv.URL+"/features.geojson", "", "", "Accept-Encoding", "gzip")
	zr, err := gzip.NewReader(bytes.NewReader(zbody))
	if err != nil || res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("gzip: %v %v", err, res.Header)
	}
	if plain, _ := io.ReadAll(zr); !bytes.Equal(plain, body) {
		t.Errorf("gzipped body differs")
	}
	do(t, "POST", srv.URL+"/articles", "text/plain", "Storms in Fiji.")
	if res, _ := do(t, "GET", srv.URL+"/features.geojson", "", "", "If-None-Match", etag); res.StatusCode != 200 {
		t.Errorf("after new data: %d, want 200", res.StatusCode)
	}
}

func itoa(n int64) string { return strings.TrimSpace(string(must(json.Marshal(n)))) }

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
