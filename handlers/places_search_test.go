package handlers_test

import (
	"encoding/json"
	"testing"

	"mentionmap/handlers"
)

func TestSearchPlaces(t *testing.T) {
	srv := newServer(t, handlers.Options{})
	tests := []struct {
		name   string
		query  string
		status int
		first  string // the first place's key, when 200
		most   int    // at most this many places
	}{
		{"a prefix in a country", "q=Tripo&country=ly", 200, "2210247", 10},
		{"a kind and a limit", "q=tex&country=US&kind=admin1&limit=2", 200, "US.TX", 2},
		{"nothing found", "q=zzqxv", 200, "", 0},
		{"no q", "country=LY", 400, "", 0},
		{"a q too short", "q=T", 400, "", 0},
		{"a bad country", "q=Tripo&country=LBY", 400, "", 0},
		{"a bad kind", "q=Tripo&kind=planet", 400, "", 0},
		{"a bad limit", "q=Tripo&limit=-1", 400, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := do(t, "GET", srv.URL+"/places/search?"+tt.query, "", "")
			if res.StatusCode != tt.status {
				t.Fatalf("%d %s, want %d", res.StatusCode, body, tt.status)
			}
			if tt.status != 200 {
				return
			}
			var got struct {
				Places []struct {
					Key string `json:"key"`
				} `json:"places"`
			}
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			if len(got.Places) > tt.most || tt.first != "" && (len(got.Places) == 0 || got.Places[0].Key != tt.first) {
				t.Errorf("places %+v, want %s first and at most %d", got.Places, tt.first, tt.most)
			}
		})
	}
}
