package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"mentionmap/geo"
)

// fileArticle is an article in a .json or .jsonl file.
type fileArticle struct {
	URL       string  `json:"url"`
	Title     string  `json:"title"`
	Source    string  `json:"source"`
	Published string  `json:"published"`
	Text      *string `json:"text"`
}

func (fa *fileArticle) article() (*geo.Article, error) {
	if fa.Text == nil {
		return nil, fmt.Errorf(`missing string "text"`)
	}
	a := &geo.Article{URL: fa.URL, Title: fa.Title, Source: fa.Source, Text: *fa.Text}
	if fa.Published != "" {
		t, err := time.Parse(time.RFC3339, fa.Published)
		if err != nil {
			return nil, fmt.Errorf("published: want RFC 3339, have %q", fa.Published)
		}
		a.Published = &t
	}
	return a, nil
}

// decodeFile reads articles by file type: .txt/.md is one article whose
// first line is its title; .json is an object or an array of them;
// .jsonl/.ndjson has one object per line.
func decodeFile(name string, r io.Reader, fn func(*geo.Article) error) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return decodeJSON(name, r, fn)
	case ".jsonl", ".ndjson":
		return decodeJSONL(name, r, fn)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	text := string(b)
	title, _, _ := strings.Cut(text, "\n")
	return fn(&geo.Article{Title: strings.TrimSpace(strings.TrimLeft(title, "# ")), Text: text})
}

func decodeJSON(name string, r io.Reader, fn func(*geo.Article) error) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	var many []fileArticle
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		if err := json.Unmarshal(t, &many); err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
	} else {
		var one fileArticle
		if err := json.Unmarshal(t, &one); err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		many = []fileArticle{one}
	}
	for i := range many {
		a, err := many[i].article()
		if err != nil {
			return fmt.Errorf("%s: article %d: %v", name, i+1, err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

func decodeJSONL(name string, r io.Reader, fn func(*geo.Article) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var fa fileArticle
		if err := json.Unmarshal(sc.Bytes(), &fa); err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
		a, err := fa.article()
		if err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return sc.Err()
}
