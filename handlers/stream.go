package handlers

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzip"
)

// stream is a response body that sends its headers on the first write, so
// a handler can still answer with a problem if it fails before any output,
// and gzips when the client accepts it.
type stream struct {
	w           http.ResponseWriter
	r           *http.Request
	contentType string
	started     bool
	gz          *gzip.Writer
}

func newStream(w http.ResponseWriter, r *http.Request, contentType string) *stream {
	return &stream{w: w, r: r, contentType: contentType}
}

func (s *stream) start() {
	s.started = true
	h := s.w.Header()
	h.Set("Content-Type", s.contentType)
	h.Add("Vary", "Accept-Encoding")
	if acceptsGzip(s.r) {
		h.Set("Content-Encoding", "gzip")
		s.gz, _ = gzip.NewWriterLevel(s.w, gzip.BestSpeed)
	}
	s.w.WriteHeader(http.StatusOK)
}

func (s *stream) Write(p []byte) (int, error) {
	if !s.started {
		s.start()
	}
	if s.gz != nil {
		return s.gz.Write(p)
	}
	return s.w.Write(p)
}

// Close ends the body.
func (s *stream) Close() error {
	if !s.started {
		s.start()
	}
	if s.gz != nil {
		return s.gz.Close()
	}
	return nil
}

// fail ends a response that failed: with a problem if nothing was sent,
// otherwise by aborting the connection so the client sees a truncated body
// rather than a complete-looking one.
func (s *stream) fail(srv *Server, err error) {
	if !s.started {
		writeError(s.w, s.r, srv.log, err)
		return
	}
	srv.log.Error("stream failed", "path", s.r.URL.Path, "err", err)
	panic(http.ErrAbortHandler)
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		if strings.TrimSpace(strings.SplitN(part, ";", 2)[0]) == "gzip" {
			return true
		}
	}
	return false
}

// answered checks the request's validators: it reports true when the
// response is complete, with a 304 or with a problem.
func (s *Server) answered(w http.ResponseWriter, r *http.Request) bool {
	done, err := s.notModified(w, r)
	if err != nil {
		writeError(w, r, s.log, err)
		return true
	}
	return done
}

// notModified sets an ETag for the data version and the request, and
// reports whether the client already has this response.
func (s *Server) notModified(w http.ResponseWriter, r *http.Request) (bool, error) {
	v, err := s.store.Version(r.Context())
	if err != nil {
		return false, err
	}
	h := fnv.New64a()
	h.Write([]byte(r.URL.Path + "?" + r.URL.RawQuery))
	etag := fmt.Sprintf(`"%d-%x"`, v, h.Sum64())
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "no-cache")
	for _, t := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		if t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "W/")); t == etag || t == "*" {
			w.WriteHeader(http.StatusNotModified)
			return true, nil
		}
	}
	return false, nil
}
