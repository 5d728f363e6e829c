package handlers

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// getPlace is GET /places/{id}: a place and its recent mentions.
func (s *Server) getPlace(w http.ResponseWriter, r *http.Request) {
	id, err := parseID("place", mux.Vars(r)["id"])
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	limit, _, err := parsePage(r.URL.Query(), 20, 500)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	p, recent, err := s.store.Place(r.Context(), id, limit)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	s.withBBox(p)
	for i := range recent {
		s.withBBox(&recent[i].Mention.Place)
	}
	writeJSON(w, http.StatusOK, map[string]any{"place": p, "mentions": recent})
}
