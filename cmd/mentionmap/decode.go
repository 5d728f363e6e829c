package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"mentionmap/geo"
)

// sink receives decoded articles, and the records that could not be read
// (reported and skipped, so one bad line loses nothing else). An error
// from ok stops decoding.
type sink struct {
	ok      func(*geo.Article) error
	bad     func(error)
	refused func(link string) // a link a feed led to, not fetched for its address
}

// decodeFile reads articles by file type: .txt/.md is one article whose
// first line is its title; .json is an object or an array of them;
// .jsonl/.ndjson has one object per line.
func decodeFile(name string, r io.Reader, out sink) error {
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
	return out.ok(&geo.Article{Title: geo.Clip(strings.TrimSpace(strings.TrimLeft(title, "# ")), geo.MaxTitleBytes), Text: text})
}

func decodeJSON(name string, r io.Reader, out sink) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	var many []geo.ArticleInput
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		if err := json.Unmarshal(t, &many); err != nil {
			out.bad(fmt.Errorf("%s: %v", name, err))
			return nil
		}
	} else {
		var one geo.ArticleInput
		if err := json.Unmarshal(t, &one); err != nil {
			out.bad(fmt.Errorf("%s: %v", name, err))
			return nil
		}
		many = []geo.ArticleInput{one}
	}
	for i := range many {
		a, err := many[i].Article()
		if err != nil {
			out.bad(fmt.Errorf("%s: article %d: %s", name, i+1, geo.ErrorMessage(err)))
			continue
		}
		if err := out.ok(a); err != nil {
			return err
		}
	}
	return nil
}

func decodeJSONL(name string, r io.Reader, out sink) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var in geo.ArticleInput
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			out.bad(fmt.Errorf("%s:%d: malformed JSON: %v", name, line, err))
			continue
		}
		a, err := in.Article()
		if err != nil {
			out.bad(fmt.Errorf("%s:%d: %s", name, line, geo.ErrorMessage(err)))
			continue
		}
		if err := out.ok(a); err != nil {
			return err
		}
	}
	return sc.Err()
}
