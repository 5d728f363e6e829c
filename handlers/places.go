package handlers

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"mentionmap/geo"
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

// foundPlace is a gazetteer place as GET /places/search gives it.
type foundPlace struct {
	geo.Place
	Lon float64 `json:"lon"`
	Lat float64 `json:"lat"`
}

// searchPlaces is GET /places/search?q=Tripo&country=LY: gazetteer places
// whose name starts with q, for a place picker.
func (s *Server) searchPlaces(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("q"))
	country, err := parseCountry(q.Get("country"))
	var kind string
	if err == nil {
		kind, err = parseKind(q.Get("kind"))
	}
	limit := 0
	if err == nil {
		limit, _, err = parsePage(q, 10, 50)
	}
	if err == nil && (utf8.RuneCountInString(text) < 2 || len(text) > 100) {
		err = geo.Errorf(geo.EINVALID, "q must be 2 to 100 characters: the start of a place's name")
	}
	if err == nil && s.opts.Places == nil {
		err = geo.Errorf(geo.ENOTFOUND, "this server has no gazetteer to search")
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	found := s.opts.Places.FindPlaces(text, country, kind, limit)
	out := make([]foundPlace, len(found))
	for i, p := range found {
		out[i] = foundPlace{Place: p, Lon: p.Point.Lon(), Lat: p.Point.Lat()}
	}
	writeJSON(w, http.StatusOK, map[string]any{"places": out})
}
