package handlers_test

import (
	"fmt"
	"strings"
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

// TestAnalystTokens: an analyst's token writes like the server's, and
// names its holder in the audit log of corrections; a header cannot
// speak for a token's holder.
func TestAnalystTokens(t *testing.T) {
	srv := newServer(t, handlers.Options{Token: "s3cret", Analysts: map[string]string{"ana-0123456789abcdef": "Ana"}})
	if res, b := do(t, "POST", srv.URL+"/articles", "application/json", libya, "Authorization", "Bearer s3cret"); res.StatusCode != 201 {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	sirte := mentionID(t, srv, 1, "Sirte")
	for _, c := range []struct {
		name, auth, header string
		status             int
		by                 string
	}{
		{"an analyst's token", "Bearer ana-0123456789abcdef", "Mallory", 200, `"by":"Ana"`},
		{"the server's token, named by the header", "Bearer s3cret", "Ben", 200, `"by":"Ben"`},
		{"an unknown token", "Bearer ana-0123456789abcdeX", "Ana", 401, ""},
	} {
		res, body := do(t, "PUT", fmt.Sprintf("%s/mentions/%d/place", srv.URL, sirte), "application/json", `{"confirm":true}`,
			"Authorization", c.auth, handlers.HeaderUser, c.header)
		if res.StatusCode != c.status || !strings.Contains(string(body), c.by) {
			t.Errorf("%s: %d %s", c.name, res.StatusCode, body)
		}
	}
}
