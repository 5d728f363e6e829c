package handlers_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"mentionmap/handlers"
)

// seeded starts a server holding a few articles over several days.
func seeded(t *testing.T) string { return seed(t, newServer(t, handlers.Options{}).URL) }

// seed posts a few articles over several days to the server at base.
func seed(t *testing.T, base string) string {
	body := strings.Join([]string{
		`{"url":"https://x.test/1","published":"2026-03-01T10:00:00Z","text":"Libyan forces entered Sirte, Libya. Talks were held in Tunis."}`,
		`{"url":"https://x.test/2","published":"2026-03-02T10:00:00Z","text":"Fighting near Benghazi and Tripoli in Libya."}`,
		`{"url":"https://x.test/3","published":"2026-03-05T10:00:00Z","text":"Floods in Dhaka, Bangladesh, and rain in Kolkata, India."}`,
	}, "\n")
	if res, b := do(t, "POST", base+"/articles", "application/x-ndjson", body); res.StatusCode != 201 {
		t.Fatalf("seed: %d %s", res.StatusCode, b)
	}
	return base
}

type page struct {
	NumberMatched  int
	NumberReturned int
	Features       []struct {
		ID         int64
		Properties map[string]any
	}
	Links []struct{ Href, Rel, Type string }
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	res, body := do(t, "GET", url, "", "", "Accept", "application/json")
	if err := json.Unmarshal(body, v); err != nil && res.StatusCode == 200 {
		t.Fatalf("%s: %v: %s", url, err, body)
	}
	return res.StatusCode
}

func TestOGCLandingConformanceAPI(t *testing.T) {
	base := seeded(t)
	var landing struct {
		Links []struct{ Href, Rel, Type string }
	}
	getJSON(t, base+"/?f=json", &landing)
	rels := map[string]string{}
	for _, l := range landing.Links {
		rels[l.Rel] = l.Type
	}
	if rels["service-desc"] != "application/vnd.oai.openapi+json;version=3.0" || rels["conformance"] == "" || rels["data"] == "" || rels["self"] == "" {
		t.Errorf("landing links = %v", rels)
	}
	if res, body := do(t, "GET", base+"/", "", "", "Accept", "text/html"); res.StatusCode != 200 || !strings.Contains(string(body), "<html") {
		t.Errorf("HTML landing: %d", res.StatusCode)
	}
	var conf struct{ ConformsTo []string }
	getJSON(t, base+"/conformance", &conf)
	if len(conf.ConformsTo) < 3 {
		t.Errorf("conformance = %v", conf)
	}
	var api struct {
		OpenAPI string
		Paths   map[string]struct {
			Get struct{ Parameters []struct{ Name string } }
		}
	}
	getJSON(t, base+"/api", &api)
	for _, c := range []string{"places", "mentions"} {
		names := map[string]bool{}
		for _, p := range api.Paths["/collections/"+c+"/items"].Get.Parameters {
			names[p.Name] = true
		}
		for _, want := range []string{"limit", "bbox", "datetime", "country", "kind", "q", "offset"} {
			if !names[want] {
				t.Errorf("%s items: parameter %s not declared", c, want)
			}
		}
	}
	if !strings.HasPrefix(api.OpenAPI, "3.0") {
		t.Errorf("openapi = %q", api.OpenAPI)
	}
	var cols struct {
		Collections []struct {
			ID     string
			Extent struct {
				Spatial  struct{ BBox [][]float64 }
				Temporal struct{ Interval [][]*string }
			}
		}
	}
	getJSON(t, base+"/collections", &cols)
	if len(cols.Collections) != 2 || strings.Contains(cols.Collections[0].ID+cols.Collections[1].ID, ".") {
		t.Fatalf("collections = %+v", cols)
	}
	if iv := cols.Collections[1].Extent.Temporal.Interval[0]; iv[0] == nil || *iv[0] != "2026-03-01T10:00:00Z" {
		t.Errorf("temporal extent = %v", iv)
	}
}

// TestOGCPagingWalk follows next links and checks they keep every
// parameter and add up to numberMatched.
func TestOGCPagingWalk(t *testing.T) {
	base := seeded(t)
	for _, c := range []string{"places", "mentions"} {
		url := base + "/collections/" + c + "/items?limit=2&kind=city"
		seen, matched, pages := map[int64]bool{}, -1, 0
		for url != "" && pages < 20 {
			var p page
			if st := getJSON(t, url, &p); st != 200 {
				t.Fatalf("%s: %d", url, st)
			}
			if matched == -1 {
				matched = p.NumberMatched
			}
			if p.NumberReturned != len(p.Features) || p.NumberMatched != matched {
				t.Errorf("%s: returned %d of %d features, matched %d", url, p.NumberReturned, len(p.Features), p.NumberMatched)
			}
			for _, f := range p.Features {
				if seen[f.ID] || f.ID == 0 {
					t.Errorf("%s: feature id %d repeated or zero", c, f.ID)
				}
				seen[f.ID] = true
				if c == "mentions" && f.Properties["time"] == nil {
					t.Errorf("mention without time: %v", f.Properties)
				}
			}
			url = ""
			for _, l := range p.Links {
				if l.Rel == "next" {
					if l.Type != "application/geo+json" || !strings.Contains(l.Href, "kind=city") || !strings.Contains(l.Href, "limit=2") {
						t.Errorf("next link %+v drops parameters", l)
					}
					url = l.Href
				}
			}
			pages++
		}
		if len(seen) != matched || matched < 4 {
			t.Errorf("%s: walked %d features, numberMatched %d", c, len(seen), matched)
		}
	}
}

func TestOGCItemsParameters(t *testing.T) {
	base := seeded(t)
	// The seed has 11 mentions of 9 places: article 1 (March 1) Libyan,
	// Sirte, Libya, Tunis; article 2 (March 2) Benghazi, Tripoli, Libya;
	// article 3 (March 5) Dhaka, Bangladesh, Kolkata, India.
	tests := []struct {
		path    string
		status  int
		matched int
	}{
		{"/collections/mentions/items?datetime=2026-03-01", 200, 4},
		{"/collections/mentions/items?datetime=2026-03-02T00:00:00Z/..", 200, 7},
		{"/collections/mentions/items?datetime=../2026-03-02T00:00:00Z", 200, 4},
		{"/collections/mentions/items?datetime=2026-03-01/2026-03-02", 200, 7},
		{"/collections/places/items?bbox=0,20,30,40", 200, 5}, // Libya, Sirte, Tunis, Benghazi, Tripoli
		{"/collections/places/items?country=IN", 200, 2},
		{"/collections/places/items?q=floods", 200, 4},
		{"/collections/places/items?limit=999999", 200, 9},
		{"/collections/places/items?datetime=soon", 400, 0},
		{"/collections/places/items?datetime=2026-03-05/2026-03-01", 400, 0},
		{"/collections/places/items?from=2026-03-01", 400, 0},
		{"/collections/places/items?bbox=0,100,1,1", 400, 0},
		{"/collections/nope/items", 404, 0},
		{"/collections/places.v2", 404, 0},
	}
	for _, tt := range tests {
		var p page
		st := getJSON(t, base+tt.path, &p)
		if st != tt.status || st == 200 && p.NumberMatched != tt.matched {
			t.Errorf("%s: %d matched %d, want %d matched %d", tt.path, st, p.NumberMatched, tt.status, tt.matched)
		}
	}
}

func TestOGCItemAndCSV(t *testing.T) {
	base := seeded(t)
	var p page
	getJSON(t, base+"/collections/places/items?limit=1", &p)
	id := p.Features[0].ID
	var f struct {
		Type       string
		ID         int64
		Properties map[string]any
	}
	if st := getJSON(t, base+"/collections/places/items/"+itoa(id), &f); st != 200 || f.ID != id || f.Type != "Feature" {
		t.Errorf("item %d: %d %+v", id, st, f)
	}
	if st := getJSON(t, base+"/collections/places/items/99999", &f); st != 404 {
		t.Errorf("missing item: %d", st)
	}
	res, body := do(t, "GET", base+"/collections/mentions/items?f=csv", "", "")
	rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || len(rows) != 12 || rows[0][1] != "lon" || rows[0][2] != "lat" {
		t.Errorf("csv: %v %v rows=%d header=%v", err, res.Header, len(rows), rows[0])
	}
	res, body = do(t, "GET", base+"/features.geojson?f=csv", "", "")
	if !strings.HasPrefix(string(body), "id,lon,lat,place_id") || !strings.Contains(res.Header.Get("Content-Disposition"), "places.csv") {
		t.Errorf("features csv: %s %v", body[:40], res.Header)
	}
	res, _ = do(t, "GET", base+"/features.geojson?download=1", "", "")
	if res.Header.Get("Content-Disposition") != `attachment; filename="places.geojson"` {
		t.Errorf("download disposition %q", res.Header.Get("Content-Disposition"))
	}
}
