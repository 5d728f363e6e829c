package handlers_test

import (
	"testing"

	"mentionmap/handlers"
)

func TestWriteToken(t *testing.T) {
	srv := newServer(t, handlers.Options{Token: "s3cret"})
	tests := []struct {
		name, auth string
		status     int
	}{
		{"no header", "", 401},
		{"wrong token", "Bearer nope", 401},
		{"wrong scheme", "Basic s3cret", 401},
		{"right token", "Bearer s3cret", 201},
		{"scheme in lower case", "bearer s3cret", 201},
		{"scheme in capitals", "BEARER  s3cret", 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hdr []string
			if tt.auth != "" {
				hdr = []string{"Authorization", tt.auth}
			}
			res, body := do(t, "POST", srv.URL+"/articles", "text/plain", "Rain in Oslo. "+tt.name, hdr...)
			if res.StatusCode != tt.status {
				t.Fatalf("%d %s, want %d", res.StatusCode, body, tt.status)
			}
			if tt.status == 401 && res.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
	if res, _ := do(t, "GET", srv.URL+"/features.geojson", "", ""); res.StatusCode != 200 {
		t.Errorf("reads need no token: %d", res.StatusCode)
	}
}
