package handlers

import (
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/klauspost/compress/gzip"
)

// stream is a response body that is spooled while the store reads it and
// sent when it is complete (spool.go): a failure before the end still
// answers with a problem, a slow client never holds a database
// connection, and the answer has a Content-Length. It gzips when the
// client accepts it.
type stream struct {
	srv         *Server
	w           http.ResponseWriter
	r           *http.Request
	contentType string
	sp          spool
	gz          *gzip.Writer
	out         io.Writer
}

func (s *Server) newStream(w http.ResponseWriter, r *http.Request, contentType string) *stream {
	st := &stream{srv: s, w: w, r: r, contentType: contentType, sp: spool{dir: s.opts.SpoolDir}}
	st.out = &st.sp
	if acceptsGzip(r) {
		st.gz, _ = gzip.NewWriterLevel(&st.sp, gzip.BestSpeed)
		st.out = st.gz
	}
	return st
}

func (s *stream) Write(p []byte) (int, error) { return s.out.Write(p) }

// Close sends the body.
func (s *stream) Close() error {
	defer s.sp.Close()
	if s.gz != nil {
		if err := s.gz.Close(); err != nil {
			s.fail(err)
			return err
		}
	}
	h := s.w.Header()
	h.Set("Content-Type", s.contentType)
	h.Add("Vary", "Accept-Encoding")
	if s.gz != nil {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.FormatInt(s.sp.Len(), 10))
	s.w.WriteHeader(http.StatusOK)
	if err := sendSpool(newDeadlineWriter(s.w, s.srv.opts.WriteTimeout), &s.sp); err != nil {
		s.srv.log.Info("client did not take the answer", "path", s.r.URL.Path,
			"request_id", requestID(s.r.Context()), "err", err)
		return err
	}
	return nil
}

// fail answers with the problem for err instead of the body.
func (s *stream) fail(err error) {
	s.sp.Close()
	writeError(s.w, s.r, s.srv.log, err)
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
