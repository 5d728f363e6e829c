package handlers

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"mentionmap/geo"
)

// requireToken guards a write endpoint with a bearer token when any is
// configured: the token, or an analyst's, whose name the request then
// carries (analystOf). The scheme's name is case-insensitive (RFC 9110
// section 11.1). Reads stay public.
func (s *Server) requireToken(next http.Handler) http.Handler {
	if s.opts.Token == "" && len(s.opts.Analysts) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, got, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
		name, known := "", false
		if ok && strings.EqualFold(scheme, "Bearer") {
			name, known = s.tokenHolder([]byte(strings.TrimSpace(got)))
		}
		if !known {
			writeError(w, r, s.log, geo.Errorf(geo.EUNAUTHORIZED, "this endpoint needs Authorization: Bearer <token>"))
			return
		}
		if name != "" {
			r = r.WithContext(context.WithValue(r.Context(), analystKey{}, name))
		}
		next.ServeHTTP(w, r)
	})
}

// tokenHolder reports whether got is a write token, and names its analyst
// when it is one's. Every token is compared, in constant time each.
func (s *Server) tokenHolder(got []byte) (name string, ok bool) {
	if s.opts.Token != "" && subtle.ConstantTimeCompare(got, []byte(s.opts.Token)) == 1 {
		ok = true
	}
	for token, analyst := range s.opts.Analysts {
		if subtle.ConstantTimeCompare(got, []byte(token)) == 1 {
			name, ok = analyst, true
		}
	}
	return name, ok
}

type analystKey struct{}

// analystOf names the analyst whose token authorised r, or "".
func analystOf(r *http.Request) string {
	name, _ := r.Context().Value(analystKey{}).(string)
	return name
}
