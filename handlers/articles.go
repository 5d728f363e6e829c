package handlers

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/gorilla/mux"

	"mentionmap/geo"
)

// article decodes one JSON article body and checks it.
func article(in *geo.ArticleInput) (*geo.Article, error) {
	a, err := in.Article()
	if err != nil {
		return nil, err
	}
	return a, a.Validate()
}

// readBody reads the request body up to the configured limit.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, geo.Errorf(geo.ETOOLARGE, "request body is larger than %d bytes", s.opts.MaxBodyBytes)
	case err != nil:
		return nil, geo.Errorf(geo.EINVALID, "reading request body: %v", err)
	case len(bytes.TrimSpace(b)) == 0:
		return nil, geo.Errorf(geo.EINVALID, "request body is empty")
	}
	return b, nil
}

// decodeArticles reads one article (JSON or plain text) or a batch (NDJSON).
// Every article is checked before any is stored, so a bad batch stores
// nothing.
func decodeArticles(contentType string, body []byte) (arts []*geo.Article, batch bool, err error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "application/json", "":
		var in geo.ArticleInput
		dec := json.NewDecoder(bytes.NewReader(body))
		if err := dec.Decode(&in); err != nil {
			return nil, false, geo.Errorf(geo.EINVALID, "malformed JSON: %v", err)
		}
		a, err := article(&in)
		return []*geo.Article{a}, false, err
	case "text/plain":
		a := &geo.Article{Text: string(body)}
		return []*geo.Article{a}, false, a.Validate()
	case "application/x-ndjson", "application/jsonl", "application/json-seq":
		arts, err := decodeNDJSON(body)
		return arts, true, err
	}
	return nil, false, geo.Errorf(geo.EUNSUPPORTED, "unsupported content type %q: use application/json, text/plain or application/x-ndjson", mt)
}

func decodeNDJSON(body []byte) ([]*geo.Article, error) {
	var arts []*geo.Article
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64<<10), len(body)+1)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var in geo.ArticleInput
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			return nil, geo.Errorf(geo.EINVALID, "line %d: malformed JSON: %v", line, err)
		}
		a, err := article(&in)
		if err != nil {
			return nil, geo.Errorf(geo.ErrorCode(err), "line %d: %s", line, geo.ErrorMessage(err))
		}
		arts = append(arts, a)
	}
	if len(arts) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "batch has no articles")
	}
	return arts, nil
}

// batchResult is one article of a batch response.
type batchResult struct {
	ID       int64 `json:"id"`
	Created  bool  `json:"created"`
	Mentions int   `json:"mentions"`
}

// createArticles is POST /articles: 201 with the stored article, or 200
// when it already existed. A batch answers with one result per line.
func (s *Server) createArticles(w http.ResponseWriter, r *http.Request) {
	body, err := s.readBody(w, r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	arts, batch, err := decodeArticles(r.Header.Get("Content-Type"), body)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	// One transaction for the whole body: a batch is stored entirely or not at all.
	created, err := geo.IngestBatch(r.Context(), s.store, s.parser, arts)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	st := http.StatusOK
	results := make([]batchResult, 0, len(arts))
	for i, a := range arts {
		if created[i] {
			st = http.StatusCreated
		}
		results = append(results, batchResult{ID: a.ID, Created: created[i], Mentions: len(a.Mentions)})
	}
	if batch {
		writeJSON(w, st, map[string]any{"articles": results})
		return
	}
	w.Header().Set("Location", "/articles/"+itoa(arts[0].ID))
	writeJSON(w, st, arts[0])
}

// listArticles is GET /articles: newest first, paged.
func (s *Server) listArticles(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := parsePage(r.URL.Query(), 50, 500)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	arts, err := s.store.Articles(r.Context(), limit, offset)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"articles": arts, "limit": limit, "offset": offset})
}

// getArticle is GET /articles/{id}: the article, its text and mentions.
func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) {
	id, err := parseID("article", mux.Vars(r)["id"])
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	a, err := s.store.Article(r.Context(), id)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}
