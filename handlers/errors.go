package handlers

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"mentionmap/geo"
)

// status maps geo error codes to HTTP status codes. It is the only place
// that does.
var status = map[string]int{
	geo.EINVALID:      http.StatusBadRequest,
	geo.ENOTFOUND:     http.StatusNotFound,
	geo.ECONFLICT:     http.StatusConflict,
	geo.EUNAUTHORIZED: http.StatusUnauthorized,
	geo.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	geo.EUNSUPPORTED:  http.StatusUnsupportedMediaType,
	geo.EINTERNAL:     http.StatusInternalServerError,
}

// problem is an RFC 9457 problem details body.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// writeError answers with the problem for err. Internal errors are logged
// and their details withheld.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	code := geo.ErrorCode(err)
	st, ok := status[code]
	if !ok {
		st = http.StatusInternalServerError
	}
	if st == http.StatusInternalServerError {
		log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if code == geo.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="mentionmap"`)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Del("Content-Encoding")
	w.WriteHeader(st)
	json.NewEncoder(w).Encode(problem{
		Type: "about:blank", Title: http.StatusText(st), Status: st, Detail: geo.ErrorMessage(err),
	})
}
