package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/internal/cli"
)

func runParse(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	gazPath := fs.String("gazetteer", "", "gazetteer file (default: the embedded one)")
	jsonl := fs.Bool("jsonl", false, `read lines of {"id","text","source","url"}; write one FeatureCollection per line`)
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	idx, err := cli.LoadGazetteer(env.logger(), *gazPath)
	if err != nil {
		return err
	}
	g := gazetteer.NewParser(idx)
	if !*jsonl {
		b, err := io.ReadAll(env.stdin)
		if err != nil {
			return err
		}
		return writeMentions(env.stdout, g.Parse(string(b)), nil)
	}
	sc := bufio.NewScanner(env.stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var in struct {
			ID     json.RawMessage `json:"id"`
			Text   *string         `json:"text"`
			Source string          `json:"source"`
			URL    string          `json:"url"`
		}
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil || in.Text == nil {
			return fmt.Errorf("line %d: want a JSON object with a string \"text\"", line)
		}
		extra := map[string]any{}
		if in.ID != nil {
			extra["id"] = in.ID
		}
		if err := writeMentions(env.stdout, g.ParseFrom(geo.SourceKey(in.Source, in.URL), *in.Text), extra); err != nil {
			return err
		}
		if _, err := io.WriteString(env.stdout, "\n"); err != nil {
			return err
		}
	}
	return sc.Err()
}

func writeMentions(w io.Writer, ms []geo.Mention, extra map[string]any) error {
	fw := geo.NewFeatureWriter(w, extra)
	for i := range ms {
		if err := fw.Write(int64(i+1), ms[i].Place.Point, ms[i].Props()); err != nil {
			return err
		}
	}
	return fw.Close()
}
