package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"testing"

	"mentionmap/data/postgis/pgtest"
	"mentionmap/handlers"
)

// TestStories posts one wire copy through two outlets, and another text:
// the copy's reprint joins its story, which GET /stories/{id} lists.
func TestStories(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testStories(t, newServer(t, handlers.Options{})) })
	t.Run("postgis", func(t *testing.T) {
		store, _ := pgtest.Open(t)
		testStories(t, newServerOn(t, store, handlers.Options{}))
	})
}

func testStories(t *testing.T, srv *httptest.Server) {
	const wire = "Dock workers in Rotterdam walked out on Thursday, leaving container ships waiting in the North Sea. " +
		"Shipping firms diverted cargo to Antwerp in Belgium and Hamburg in Germany."
	for i, body := range []string{
		fmt.Sprintf(`{"url":"https://wire.test/1","source":"Wire","text":%q}`, wire),
		fmt.Sprintf(`{"url":"https://port.test/1","source":"Port Gazette","text":%q}`, "ROTTERDAM (Wire) — "+wire),
		`{"url":"https://sahel.test/1","source":"Sahel Daily","text":"Farmers in Niger and Mali say the rains failed for a third year, and aid groups in Niamey warned that food prices have doubled."}`,
	} {
		if res, b := do(t, "POST", srv.URL+"/articles", "application/json", body); res.StatusCode != 201 {
			t.Fatalf("article %d: %d %s", i+1, res.StatusCode, b)
		}
	}
	for id, want := range map[int]int64{1: 1, 2: 1, 3: 3} {
		_, b := do(t, "GET", fmt.Sprintf("%s/articles/%d", srv.URL, id), "", "")
		var a struct{ Story int64 }
		if json.Unmarshal(b, &a) != nil || a.Story != want {
			t.Errorf("article %d: %s, want story %d", id, b, want)
		}
	}
	res, b := do(t, "GET", srv.URL+"/stories/1", "", "")
	var st struct {
		Articles []struct{ ID int64 }
		Outlets  int
	}
	if res.StatusCode != 200 || json.Unmarshal(b, &st) != nil || len(st.Articles) != 2 || st.Outlets != 2 {
		t.Errorf("GET /stories/1: %d %s", res.StatusCode, b)
	}
	for path, want := range map[string]int{"/stories/999": 404, "/stories/x": 404} {
		if res, _ := do(t, "GET", srv.URL+path, "", ""); res.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, res.StatusCode, want)
		}
	}
}
