package handlers

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"mentionmap/geo"
)

// Corrections let analysts fix mentions (geo.Correction): PUT
// /mentions/{id}/place moves one to another place, marks it "not a place"
// or confirms it; GET /corrections is the audit log; POST
// /corrections/{id}/undo reverses the last correction of a mention. Who
// corrects is the analyst whose token the request carries, or else its
// HeaderUser.

// HeaderUser names the analyst behind a correction in its audit log.
const HeaderUser = "X-Mentionmap-User"

// correctionRequest is the body of PUT /mentions/{id}/place. Place is
// raw so that null ("not a place") differs from no place at all.
type correctionRequest struct {
	Place   json.RawMessage `json:"place"`
	Confirm bool            `json:"confirm"`
	Note    string          `json:"note"`
}

// correctMention is PUT /mentions/{id}/place.
func (s *Server) correctMention(w http.ResponseWriter, r *http.Request) {
	cs, err := s.correctionStore()
	var c geo.Correction
	var to *geo.Place
	if err == nil {
		c.MentionID, err = parseID("mention", mux.Vars(r)["id"])
	}
	var body []byte
	if err == nil {
		body, err = s.readBody(w, r)
	}
	if err == nil {
		to, err = s.decodeCorrection(body, &c)
	}
	if err == nil {
		c.By = who(r)
		err = cs.Correct(r.Context(), &c, to)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// decodeCorrection reads a request into c, and finds a move's place in
// the gazetteer.
func (s *Server) decodeCorrection(body []byte, c *geo.Correction) (*geo.Place, error) {
	var req correctionRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, geo.Errorf(geo.EINVALID, "the body is not the JSON of a correction: %v", err)
	}
	c.Note = req.Note
	switch place := string(req.Place); {
	case req.Confirm && place != "":
		return nil, geo.Errorf(geo.EINVALID, "give a place or confirm, not both")
	case req.Confirm:
		c.Action = geo.CorrectConfirm
	case place == "null":
		c.Action = geo.CorrectRemove
	case place != "":
		var key string
		if err := json.Unmarshal(req.Place, &key); err != nil || key == "" {
			return nil, geo.Errorf(geo.EINVALID, `place must be a gazetteer place key ("LY.15"), or null for "not a place"`)
		}
		if s.opts.Places == nil {
			return nil, geo.Errorf(geo.ENOTFOUND, "this server has no gazetteer to move mentions to")
		}
		p, ok := s.opts.Places.PlaceByKey(key)
		if !ok {
			return nil, geo.Errorf(geo.EINVALID, "no gazetteer place has the key %q (GET /places/search finds keys)", key)
		}
		c.Action = geo.CorrectMove
		return &p, nil
	default:
		return nil, geo.Errorf(geo.EINVALID, `a correction needs "place" (a key, or null) or "confirm": true`)
	}
	return nil, nil
}

// undoCorrection is POST /corrections/{id}/undo, with an optional
// {"note": "..."}.
func (s *Server) undoCorrection(w http.ResponseWriter, r *http.Request) {
	cs, err := s.correctionStore()
	var id int64
	if err == nil {
		id, err = parseID("correction", mux.Vars(r)["id"])
	}
	var body []byte
	if err == nil && r.ContentLength != 0 { // an undo needs no body
		body, err = s.readBody(w, r)
	}
	var req struct {
		Note string `json:"note"`
	}
	if err == nil && len(bytes.TrimSpace(body)) > 0 {
		if json.Unmarshal(body, &req) != nil {
			err = geo.Errorf(geo.EINVALID, `the body of an undo is empty or {"note": "..."}`)
		}
	}
	var undo *geo.Correction
	if err == nil {
		undo, err = cs.Undo(r.Context(), id, who(r), req.Note)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, undo)
}

// listCorrections is GET /corrections: the audit log, newest first, as
// JSON or, with format=csv, CSV.
func (s *Server) listCorrections(w http.ResponseWriter, r *http.Request) {
	cs, err := s.correctionStore()
	var limit, offset int
	if err == nil {
		limit, offset, err = parsePage(r.URL.Query(), 100, 10_000)
	}
	var log []geo.Correction
	if err == nil {
		log, err = cs.Corrections(r.Context(), limit, offset)
	}
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if r.URL.Query().Get("format") != "csv" {
		writeJSON(w, http.StatusOK, map[string]any{"corrections": log})
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "at", "by", "action", "mention_id", "article_id", "text", "before_place", "before_name",
		"before_confidence", "after_place", "after_name", "after_confidence", "note", "undoes", "undone_by"})
	for _, c := range log {
		row := []string{i64(c.ID), c.At.Format("2006-01-02T15:04:05Z"), c.By, c.Action, i64(c.MentionID), i64(c.ArticleID), c.Text}
		row = append(append(row, stateCSV(c.Before)...), stateCSV(c.After)...)
		row = append(row, c.Note, i64(c.Undoes), i64(c.UndoneBy))
		for i := range row {
			row[i] = inertCell(row[i]) // names and notes are the analysts' text
		}
		cw.Write(row)
	}
	cw.Flush()
}

func stateCSV(m *geo.MentionState) []string {
	if m == nil {
		return []string{"", "not a place", ""}
	}
	return []string{m.PlaceKey, m.PlaceName, strconv.FormatFloat(m.Confidence, 'f', -1, 64)}
}

// who names the analyst behind a request: by the token, or else by the
// header.
func who(r *http.Request) string {
	if name := analystOf(r); name != "" {
		return name
	}
	return strings.TrimSpace(r.Header.Get(HeaderUser))
}

func (s *Server) correctionStore() (geo.CorrectionStore, error) {
	cs, ok := s.store.(geo.CorrectionStore)
	if !ok {
		return nil, geo.Errorf(geo.ENOTFOUND, "this store keeps no corrections")
	}
	return cs, nil
}
