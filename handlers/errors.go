package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"mentionmap/geo"
)

// status maps geo error codes to HTTP status codes. It is the only place
// that does.
var status = map[string]int{
	geo.EINVALID:      http.StatusBadRequest,
	geo.ENOTFOUND:     http.StatusNotFound,
	geo.ECONFLICT:     http.StatusConflict,
	geo.EUNAUTHORIZED: http.StatusUnauthorized,
	geo.EFORBIDDEN:    http.StatusForbidden,
	geo.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	geo.EUNSUPPORTED:  http.StatusUnsupportedMediaType,
	geo.EUNAVAILABLE:  http.StatusServiceUnavailable,
	geo.ETIMEOUT:      http.StatusServiceUnavailable,
	geo.EFULL:         http.StatusInsufficientStorage,
	geo.EINTERNAL:     http.StatusInternalServerError,
}

// retryAfter is the Retry-After, in seconds, of a 503.
const retryAfter = 2

// problem is an RFC 9457 problem details body. RequestID names the log
// line of a 5xx.
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	RequestID string `json:"request_id,omitempty"`
}

// writeError answers with the problem for err. A 5xx is logged with the
// request id and answers with the id, never with the cause; a request
// whose client has gone is only noted.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	err = classify(r.Context(), err)
	code := geo.ErrorCode(err)
	if code == clientGone {
		log.Info("client went away", "method", r.Method, "path", r.URL.Path, "request_id", requestID(r.Context()))
		return
	}
	st, ok := status[code]
	if !ok {
		st = http.StatusInternalServerError
	}
	p := problem{Type: "about:blank", Title: http.StatusText(st), Status: st, Detail: geo.ErrorMessage(err)}
	if st >= 500 {
		p.RequestID = requestID(r.Context())
		log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", st,
			"request_id", p.RequestID, "err", err)
		if code == geo.EINTERNAL {
			p.Detail = "internal error; the log has its details under request id " + p.RequestID
		}
	}
	h := w.Header()
	switch code {
	case geo.EUNAUTHORIZED:
		h.Set("WWW-Authenticate", `Bearer realm="mentionmap"`)
	case geo.EUNAVAILABLE, geo.ETIMEOUT:
		h.Set("Retry-After", strconv.Itoa(retryAfter))
	}
	h.Set("Content-Type", "application/problem+json")
	h.Del("Content-Encoding")
	h.Del("Content-Disposition")
	w.WriteHeader(st)
	json.NewEncoder(w).Encode(p)
}

// clientGone is the code writeError gives a request whose client left:
// nobody reads the answer.
const clientGone = "client_gone"

// classify names what ended a request whose context is done: the client
// leaving, or the request's deadline. Store errors then say only that the
// query was interrupted.
func classify(ctx context.Context, err error) error {
	switch {
	case err == nil || ctx.Err() == nil:
		return err
	case errors.Is(context.Cause(ctx), errDeadline):
		return geo.Wrap(geo.ETIMEOUT, err, "the request took longer than its deadline; narrow the filter or try again")
	}
	return geo.Wrap(clientGone, err, "client went away")
}
