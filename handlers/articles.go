package handlers

import (
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

// largeBody is the size past which a POST body is an expensive read.
const largeBody = 1 << 20

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
func decodeArticles(contentType string, body []byte, maxBatch int) (arts []*geo.Article, batch bool, err error) {
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
		arts, err := decodeNDJSON(body, maxBatch)
		return arts, true, err
	}
	return nil, false, geo.Errorf(geo.EUNSUPPORTED, "unsupported content type %q: use application/json, text/plain or application/x-ndjson", mt)
}

func decodeNDJSON(body []byte, maxBatch int) ([]*geo.Article, error) {
	var arts []*geo.Article
	err := geo.ReadJSONLines(bytes.NewReader(body), func(line int, a *geo.Article, err error) error {
		if err == nil {
			err = a.Validate()
		}
		switch {
		case err != nil:
			return geo.Errorf(geo.ErrorCode(err), "line %d: %s", line, geo.ErrorMessage(err))
		case len(arts) == maxBatch:
			return geo.Errorf(geo.ETOOLARGE, "a batch holds at most %d articles; send the rest in another", maxBatch)
		}
		arts = append(arts, a)
		return nil
	})
	if err == nil && len(arts) == 0 {
		err = geo.Errorf(geo.EINVALID, "batch has no articles")
	}
	return arts, err
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
	arts, batch, err := decodeArticles(r.Header.Get("Content-Type"), body, s.opts.MaxBatch)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	// Geoparsing a large body takes memory in proportion to the places it
	// names (a 5 MB text can name 700,000): such bodies are expensive work.
	if len(body) > largeBody {
		release, err := s.heavy.admit(r.Context())
		if err != nil {
			writeError(w, r, s.log, err)
			return
		}
		defer release()
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
		n := a.MentionCount
		if created[i] {
			st, n = http.StatusCreated, len(a.Mentions)
		}
		results = append(results, batchResult{ID: a.ID, Created: created[i], Mentions: n})
	}
	if batch {
		writeJSON(w, st, map[string]any{"articles": results})
		return
	}
	// The answer is the stored article without the text the client sent,
	// and the first page of its mentions.
	a, err := s.store.Article(r.Context(), arts[0].ID, defaultMentions, 0)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	a.Text = ""
	w.Header().Set("Location", "/articles/"+itoa(a.ID))
	writeJSON(w, st, s.pagedArticle(a, defaultMentions, 0))
}

// Pages of an article's mentions.
const (
	defaultMentions = 500
	maxMentions     = geo.MaxMentions
)

// articleAnswer is an article with a page of its mentions and, when there
// are more, the link to the next page.
type articleAnswer struct {
	*geo.Article
	Links []link `json:"links,omitempty"`
}

func (s *Server) pagedArticle(a *geo.Article, limit, offset int) articleAnswer {
	ans := articleAnswer{Article: a}
	if a.Mentions == nil {
		a.Mentions = []geo.Mention{}
	}
	for i := range a.Mentions {
		s.withBBox(&a.Mentions[i].Place)
	}
	if next := offset + limit; next < a.MentionCount {
		ans.Links = []link{{Href: "/articles/" + itoa(a.ID) + "?limit=" + itoa(int64(limit)) + "&offset=" + itoa(int64(next)),
			Rel: "next", Type: "application/json", Title: "the next page of mentions"}}
	}
	return ans
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

// getArticle is GET /articles/{id}: the article, its text and a page of
// its mentions (limit, offset).
func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) {
	id, err := parseID("article", mux.Vars(r)["id"])
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	limit, offset, err := parsePage(r.URL.Query(), defaultMentions, maxMentions)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	a, err := s.store.Article(r.Context(), id, limit, offset)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, s.pagedArticle(a, limit, offset))
}
