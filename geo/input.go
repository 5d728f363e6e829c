package geo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"time"
)

// ArticleInput is the JSON form of an incoming article, shared by
// POST /articles and by ingest files (.json, .jsonl).
type ArticleInput struct {
	URL       string  `json:"url"`
	Title     string  `json:"title"`
	Source    string  `json:"source"`
	Published string  `json:"published"`
	Text      *string `json:"text"`
}

// Article converts the input; call Validate on the result before storing.
func (in *ArticleInput) Article() (*Article, error) {
	if in.Text == nil {
		return nil, Errorf(EINVALID, `"text" is required and must be a string`)
	}
	a := &Article{URL: in.URL, Title: in.Title, Source: in.Source, Text: *in.Text}
	if in.Published != "" {
		t, err := time.Parse(time.RFC3339, in.Published)
		if err != nil {
			return nil, Errorf(EINVALID, `"published" must be an RFC 3339 time, such as 2021-09-11T15:06:00Z, not %q`, in.Published)
		}
		a.Published = &t
	}
	return a, nil
}

// maxLineBytes is the longest JSON line read: the longest text, escaped,
// and room for the other fields.
const maxLineBytes = 2*MaxTextBytes + 64<<10

// ReadJSONLines reads articles as JSON lines, one ArticleInput a line, for
// POST /articles and for ingest files alike; blank lines are skipped. fn
// gets each line's number and article, or that line's error, and decides:
// a batch fails on it, a file skips the line. An error from fn stops the
// read and is returned.
func ReadJSONLines(r io.Reader, fn func(line int, a *Article, err error) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		a, err := decodeLine(sc.Bytes())
		if err := fn(line, a, err); err != nil {
			return err
		}
	}
	switch err := sc.Err(); {
	case errors.Is(err, bufio.ErrTooLong):
		return Errorf(ETOOLARGE, "line %d: longer than %d bytes", line+1, maxLineBytes)
	case err != nil:
		return Wrap(EINVALID, err, "line %d: %v", line+1, err)
	}
	return nil
}

// decodeLine reads one JSON line as an article.
func decodeLine(b []byte) (*Article, error) {
	var in ArticleInput
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, Errorf(EINVALID, "malformed JSON: %v", err)
	}
	return in.Article()
}
