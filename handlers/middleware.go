package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"runtime/debug"
	"strings"

	"mentionmap/geo"
)

type ctxKey int

const requestIDKey ctxKey = 0

// requestID returns the id requestIDs gave the request, or "".
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// requestIDs gives every request an id, sent back as X-Request-Id, which
// the log lines of its failures carry.
func requestIDs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [8]byte
		rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

// errDeadline is the cause of a request context that passed its deadline.
var errDeadline = errors.New("request deadline")

// deadline bounds the work of every request: when it passes, queries are
// interrupted. Writing a spooled answer to the client is bounded by the
// write deadlines instead (spool.go).
func (s *Server) deadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeoutCause(r.Context(), s.opts.RequestTimeout, errDeadline)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// recoverer turns a panic into a 500 problem and logs the stack.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil && v != http.ErrAbortHandler {
				s.log.Error("panic", "path", r.URL.Path, "request_id", requestID(r.Context()), "panic", v, "stack", string(debug.Stack()))
				writeError(w, r, s.log, geo.Errorf(geo.EINTERNAL, "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// cors lets browsers on the configured origins read the API. Writes from
// another origin are refused unless a token guards them and the origin is
// named in CORSOrigins: without a token, any page a user visits could
// otherwise post articles in the user's name.
func (s *Server) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" || sameOrigin(r, origin) {
			next.ServeHTTP(w, r)
			return
		}
		writes := s.writeOrigin(origin)
		if allowed := s.readOrigin(origin); allowed != "" {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", allowed)
			h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
			if writes {
				h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, OPTIONS")
			}
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match, X-Mentionmap-User")
			h.Set("Access-Control-Expose-Headers", "ETag, X-Request-Id")
			h.Add("Vary", "Origin")
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			w.WriteHeader(http.StatusNoContent) // preflight
			return
		}
		if !safeMethod(r.Method) && !writes {
			writeError(w, r, s.log, geo.Errorf(geo.EFORBIDDEN,
				"cross-origin writes are refused: run the server with --token and name the origin in --cors-origins"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// sameOrigin reports whether origin is the server's own, as the request
// reached it.
func sameOrigin(r *http.Request, origin string) bool {
	o, ok := strings.CutPrefix(origin, "http://")
	if !ok {
		o, ok = strings.CutPrefix(origin, "https://")
	}
	return ok && strings.EqualFold(o, r.Host)
}

// readOrigin is the Access-Control-Allow-Origin for origin, or "".
func (s *Server) readOrigin(origin string) string {
	if len(s.opts.CORSOrigins) == 0 {
		return "*"
	}
	for _, o := range s.opts.CORSOrigins {
		if o == "*" || strings.EqualFold(o, origin) {
			return origin
		}
	}
	return ""
}

// writeOrigin reports whether origin may write: only with a token, and
// only when named, never through "*".
func (s *Server) writeOrigin(origin string) bool {
	if s.opts.Token == "" {
		return false
	}
	for _, o := range s.opts.CORSOrigins {
		if o != "*" && strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}

// securityHeaders keeps browsers from sniffing types, framing the page or
// running script that the page did not ship. Leaflet sets styles from
// script, which style-src 'self' allows; inline style attributes are not
// used.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	img := "'self' data:"
	if t := tileOrigin(s.opts.TileURL); t != "" {
		img += " " + t
	}
	csp := "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + img +
		"; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		next.ServeHTTP(w, r)
	})
}

// tileOrigin is the scheme and host of a tile URL template, for the CSP,
// with a {s} subdomain as a wildcard.
func tileOrigin(tmpl string) string {
	scheme, rest, ok := strings.Cut(tmpl, "://")
	if !ok || (scheme != "http" && scheme != "https") {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	return scheme + "://" + strings.ReplaceAll(host, "{s}", "*")
}
