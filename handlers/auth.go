package handlers

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"mentionmap/geo"
)

// requireToken guards a write endpoint with a bearer token when one is
// configured; the scheme's name is case-insensitive (RFC 9110 section 11.1).
// Reads stay public.
func (s *Server) requireToken(next http.Handler) http.Handler {
	if s.opts.Token == "" {
		return next
	}
	want := []byte(s.opts.Token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, got, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), want) != 1 {
			writeError(w, r, s.log, geo.Errorf(geo.EUNAUTHORIZED, "this endpoint needs Authorization: Bearer <token>"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
