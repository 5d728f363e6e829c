package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"mentionmap/geo"
)

// Sink receives decoded articles, and the records that could not be read
// (reported and skipped, so one bad line loses nothing else). An error
// from OK stops decoding.
type Sink struct {
	OK      func(*geo.Article) error
	Bad     func(error)
	Refused func(link string) // a link a feed led to, not fetched for its address
}

// DecodeFile reads articles by file type: .txt/.md is one article whose
// first line is its title; .json is an object or an array of them;
// .jsonl/.ndjson has one object per line.
func DecodeFile(name string, r io.Reader, out Sink) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return decodeJSON(name, r, out)
	case ".jsonl", ".ndjson":
		return decodeJSONL(name, r, out)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	text := string(b)
	title, _, _ := strings.Cut(text, "\n")
	return out.OK(&geo.Article{Title: geo.Clip(strings.TrimSpace(strings.TrimLeft(title, "# ")), geo.MaxTitleBytes), Text: text})
}

func decodeJSON(name string, r io.Reader, out Sink) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	var many []geo.ArticleInput
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		if err := json.Unmarshal(t, &many); err != nil {
			out.Bad(fmt.Errorf("%s: %v", name, err))
			return nil
		}
	} else {
		var one geo.ArticleInput
		if err := json.Unmarshal(t, &one); err != nil {
			out.Bad(fmt.Errorf("%s: %v", name, err))
			return nil
		}
		many = []geo.ArticleInput{one}
	}
	for i := range many {
		a, err := many[i].Article()
		if err != nil {
			out.Bad(fmt.Errorf("%s: article %d: %s", name, i+1, geo.ErrorMessage(err)))
			continue
		}
		if err := out.OK(a); err != nil {
			return err
		}
	}
	return nil
}

func decodeJSONL(name string, r io.Reader, out Sink) error {
	err := geo.ReadJSONLines(r, func(line int, a *geo.Article, err error) error {
		if err != nil {
			out.Bad(fmt.Errorf("%s:%d: %s", name, line, geo.ErrorMessage(err)))
			return nil
		}
		return out.OK(a)
	})
	if geo.ErrorCode(err) == geo.ETOOLARGE || geo.ErrorCode(err) == geo.EINVALID {
		out.Bad(fmt.Errorf("%s: %s", name, geo.ErrorMessage(err))) // the rest of the file cannot be read
		return nil
	}
	return err
}
