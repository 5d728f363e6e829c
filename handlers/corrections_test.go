package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"mentionmap/data/postgis/pgtest"
	"mentionmap/handlers"
)

// TestCorrections moves a mention through the API, on both stores: the
// features, their ETag, the tile and the OGC items change at once, the
// audit log keeps who did it, and an undo puts everything back.
func TestCorrections(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testCorrections(t, newServer(t, handlers.Options{Token: "s3cret"})) })
	t.Run("postgis", func(t *testing.T) {
		store, _ := pgtest.Open(t)
		testCorrections(t, newServerOn(t, store, handlers.Options{Token: "s3cret"}))
	})
}

func testCorrections(t *testing.T, srv *httptest.Server) {
	auth := []string{"Authorization", "Bearer s3cret", handlers.HeaderUser, "ana"}
	if res, b := do(t, "POST", srv.URL+"/articles", "application/json", libya, auth...); res.StatusCode != 201 {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	sirte := mentionID(t, srv, 1, "Sirte")
	features, tile := srv.URL+"/features.geojson", srv.URL+"/tiles/0/0/0.mvt"
	before, _ := do(t, "GET", features, "", "")
	tileBefore, _ := do(t, "GET", tile, "", "")
	res, body := do(t, "PUT", fmt.Sprintf("%s/mentions/%d/place", srv.URL, sirte), "application/json",
		`{"place":"LY.76","note":"=the district, not the town"}`, auth...)
	if res.StatusCode != 200 || !strings.Contains(string(body), `"action":"move"`) || !strings.Contains(string(body), `"by":"ana"`) {
		t.Fatalf("PUT: %d %s", res.StatusCode, body)
	}
	after, fc := do(t, "GET", features, "", "")
	tileAfter, _ := do(t, "GET", tile, "", "")
	if after.Header.Get("ETag") == before.Header.Get("ETag") || tileAfter.Header.Get("ETag") == tileBefore.Header.Get("ETag") {
		t.Errorf("ETags did not change: features %s, tile %s", after.Header.Get("ETag"), tileAfter.Header.Get("ETag"))
	}
	if !strings.Contains(string(fc), `"place_key":"LY.76"`) || strings.Contains(string(fc), `"place_key":"2210554"`) {
		t.Errorf("features after the move: %s", fc)
	}
	if _, items := do(t, "GET", srv.URL+"/collections/places/items?f=json", "", ""); !strings.Contains(string(items), `"place_key":"LY.76"`) {
		t.Errorf("OGC items after the move: %s", items)
	}
	_, log := do(t, "GET", srv.URL+"/corrections", "", "")
	var got struct {
		Corrections []struct {
			ID     int64
			By     string
			Note   string
			Before struct {
				PlaceKey string `json:"place_key"`
			}
		}
	}
	if json.Unmarshal(log, &got) != nil || len(got.Corrections) != 1 || got.Corrections[0].By != "ana" ||
		got.Corrections[0].Before.PlaceKey != "2210554" || got.Corrections[0].Note == "" {
		t.Fatalf("GET /corrections: %s", log)
	}
	if res, csv := do(t, "GET", srv.URL+"/corrections?format=csv", "", ""); !strings.HasPrefix(string(csv), "id,at,by,action") ||
		strings.Count(string(csv), "\n") != 2 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(string(csv), `"'=the district`) {
		t.Errorf("CSV: %s", csv)
	}
	undo := fmt.Sprintf("%s/corrections/%d/undo", srv.URL, got.Corrections[0].ID)
	if _, csv := do(t, "GET", srv.URL+"/corrections?format=csv", "", ""); !strings.Contains(string(csv), ",ana,") {
		t.Errorf("CSV lacks who: %s", csv)
	}
	if res, b := do(t, "POST", undo, "application/json", "", auth...); res.StatusCode != 200 {
		t.Fatalf("undo: %d %s", res.StatusCode, b)
	}
	if _, fc := do(t, "GET", features, "", ""); !strings.Contains(string(fc), `"place_key":"2210554"`) || strings.Contains(string(fc), `"place_key":"LY.76"`) {
		t.Errorf("features after the undo: %s", fc)
	}
	for _, c := range []struct {
		name, method, path, body string
		auth                     bool
		want                     int
	}{
		{"no token", "PUT", fmt.Sprintf("/mentions/%d/place", sirte), `{"confirm":true}`, false, 401},
		{"an unknown mention", "PUT", "/mentions/999/place", `{"confirm":true}`, true, 404},
		{"an unknown place", "PUT", fmt.Sprintf("/mentions/%d/place", sirte), `{"place":"XX.99"}`, true, 400},
		{"a place and confirm", "PUT", fmt.Sprintf("/mentions/%d/place", sirte), `{"place":"LY","confirm":true}`, true, 400},
		{"nothing to do", "PUT", fmt.Sprintf("/mentions/%d/place", sirte), `{"note":"hm"}`, true, 400},
		{"a place that is no key", "PUT", fmt.Sprintf("/mentions/%d/place", sirte), `{"place":7}`, true, 400},
		{"not JSON", "PUT", fmt.Sprintf("/mentions/%d/place", sirte), `place=LY`, true, 400},
		{"undo twice", "POST", strings.TrimPrefix(undo, srv.URL), "", true, 409},
		{"undo an unknown correction", "POST", "/corrections/999/undo", "", true, 404},
		{"not a place", "PUT", fmt.Sprintf("/mentions/%d/place", sirte), `{"place":null}`, true, 200},
	} {
		hdr := auth
		if !c.auth {
			hdr = nil
		}
		if res, b := do(t, c.method, srv.URL+c.path, "application/json", c.body, hdr...); res.StatusCode != c.want {
			t.Errorf("%s: %d %s, want %d", c.name, res.StatusCode, b, c.want)
		}
	}
}

// mentionID finds the id of the mention of article id whose text is text.
func mentionID(t *testing.T, srv *httptest.Server, id int, text string) int64 {
	t.Helper()
	_, body := do(t, "GET", fmt.Sprintf("%s/articles/%d", srv.URL, id), "", "")
	var a struct {
		Mentions []struct {
			ID   int64
			Text string
		}
	}
	if err := json.Unmarshal(body, &a); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	for _, m := range a.Mentions {
		if m.Text == text {
			return m.ID
		}
	}
	t.Fatalf("no mention %q in %s", text, body)
	return 0
}
