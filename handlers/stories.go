package handlers

import (
	"net/http"

	"github.com/gorilla/mux"

	"mentionmap/geo"
)

// getStory is GET /stories/{id}: the articles of one story (geo.Story),
// oldest first, and how many outlets reported it. A story's id is the id
// of its first article, which every article carries as "story".
func (s *Server) getStory(w http.ResponseWriter, r *http.Request) {
	ss, ok := s.store.(geo.StoryStore)
	var err error
	if !ok {
		err = geo.Errorf(geo.ENOTFOUND, "this store keeps no stories")
	}
	var id int64
	if err == nil {
		id, err = parseID("story", mux.Vars(r)["id"])
	}
	var st *geo.Story
	if err == nil {
		st, err = ss.Story(r.Context(), id)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}
