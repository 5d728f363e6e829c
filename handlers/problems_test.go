package handlers_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/handlers"
)

func TestInternalErrorsHideTheirCause(t *testing.T) {
	srv, store := startServer(t, handlers.Options{})
	store.Close() // every query now fails with database/sql's text
	for _, path := range []string{"/features.geojson", "/articles", "/collections/places/items", "/healthz"} {
		res, body := do(t, "GET", srv.URL+path, "", "")
		var p struct {
			Status    int    `json:"status"`
			Detail    string `json:"detail"`
			RequestID string `json:"request_id"`
		}
		if err := json.Unmarshal(body, &p); err != nil || res.StatusCode != 500 {
			t.Fatalf("%s: %d %s", path, res.StatusCode, body)
		}
		if p.RequestID == "" || p.RequestID != res.Header.Get("X-Request-Id") || !strings.Contains(p.Detail, p.RequestID) {
			t.Errorf("%s: request id %q, header %q, detail %q", path, p.RequestID, res.Header.Get("X-Request-Id"), p.Detail)
		}
		if strings.Contains(strings.ToLower(string(body)), "sql") || strings.Contains(string(body), "closed") {
			t.Errorf("%s: the body shows the cause: %s", path, body)
		}
	}
}

// fullStore is a store whose disk has filled up.
type fullStore struct{ geo.ArticleStore }

func (fullStore) Ping(context.Context) error {
	return geo.Errorf(geo.EFULL, "the database's disk is full")
}

func (fullStore) IngestBatch(context.Context, []*geo.Article) ([]bool, error) {
	return nil, geo.Wrap(geo.EFULL, context.Canceled, "the database's disk is full")
}

func TestDiskFullAnswers507(t *testing.T) {
	newServer(t, handlers.Options{})
	srv := httptest.NewServer(handlers.New(fullStore{}, gazetteer.NewParser(gaz), handlers.Options{Logger: quiet()}))
	defer srv.Close()
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/healthz", ""},
		{"POST", "/articles", `{"text":"Rain in Lagos, Nigeria."}`},
	} {
		res, body := do(t, c.method, srv.URL+c.path, "application/json", c.body)
		if res.StatusCode != 507 || !strings.Contains(string(body), "disk is full") {
			t.Errorf("%s %s: %d %s", c.method, c.path, res.StatusCode, body)
		}
	}
}

func TestCrossOriginWrites(t *testing.T) {
	const page = "https://evil.test"
	tests := []struct {
		name       string
		opts       handlers.Options
		origin     string
		auth       string
		wantStatus int
		wantAllow  string // Access-Control-Allow-Methods
	}{
		{"no token: any origin reads", handlers.Options{}, page, "", 403, "GET, HEAD, OPTIONS"},
		{"same origin writes", handlers.Options{}, "", "", 201, ""},
		{"token, origin not named", handlers.Options{Token: "s3cret", CORSOrigins: []string{"*"}}, page, "Bearer s3cret", 403, "GET, HEAD, OPTIONS"},
		{"token, origin named", handlers.Options{Token: "s3cret", CORSOrigins: []string{page}}, page, "Bearer s3cret", 201, "GET, HEAD, POST, PUT, OPTIONS"},
		{"token, other origin", handlers.Options{Token: "s3cret", CORSOrigins: []string{"https://ok.test"}}, page, "Bearer s3cret", 403, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.opts)
			hdr := []string{"Authorization", tt.auth}
			if tt.origin != "" {
				hdr = append(hdr, "Origin", tt.origin)
			}
			res, body := do(t, "POST", srv.URL+"/articles", "application/json", libya, hdr...)
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("POST: %d %s, want %d", res.StatusCode, body, tt.wantStatus)
			}
			pre, _ := do(t, "OPTIONS", srv.URL+"/articles", "", "", "Origin", page, "Access-Control-Request-Method", "POST")
			if got := pre.Header.Get("Access-Control-Allow-Methods"); tt.origin != "" && got != tt.wantAllow {
				t.Errorf("preflight allows %q, want %q", got, tt.wantAllow)
			}
			get, _ := do(t, "GET", srv.URL+"/features.geojson", "", "", "Origin", page)
			if tt.wantAllow != "" && get.Header.Get("Access-Control-Allow-Origin") == "" {
				t.Errorf("GET from %s is not readable", page)
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	srv := newServer(t, handlers.Options{TileURL: "https://{s}.tile.example.org/{z}/{x}/{y}.png"})
	res, _ := do(t, "GET", srv.URL+"/", "", "", "Accept", "text/html")
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "https://*.tile.example.org"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %q", csp)
	}
	if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", got)
	}
}

func TestRequestDeadline(t *testing.T) {
	srv, store := startServer(t, handlers.Options{RequestTimeout: time.Nanosecond})
	seedMentions(t, store, 10)
	res, body := do(t, "GET", srv.URL+"/features.geojson?q=fighting", "", "")
	if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "deadline") {
		t.Errorf("%d %s (Retry-After %q), want 503 naming the deadline", res.StatusCode, body, res.Header.Get("Retry-After"))
	}
}

func TestQueryLimits(t *testing.T) {
	srv := newServer(t, handlers.Options{})
	for _, q := range []string{strings.Repeat("a* ", 200), "ab*", strings.Repeat("word ", 17), strings.Repeat("x", 600)} {
		res, body := do(t, "GET", srv.URL+"/features.geojson?q="+url.QueryEscape(q), "", "")
		if res.StatusCode != 400 || !strings.Contains(string(body), "limit") && !strings.Contains(string(body), "shorter") {
			t.Errorf("q=%.30q: %d %s, want 400 naming the limit", q, res.StatusCode, body)
		}
	}
}
