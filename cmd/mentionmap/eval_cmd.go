package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"mentionmap/eval"
	"mentionmap/gazetteer"
	"mentionmap/internal/cli"
)

func runEval(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	gazPath := fs.String("gazetteer", "", "gazetteer file (default: the embedded one)")
	details := fs.Bool("errors", false, "list misses, spurious mentions and wrong resolutions")
	limit := fs.Int("limit", 0, "score only the first N documents of each corpus")
	modelPath := fs.String("model", "", `recognizer model file (default: the embedded one; "none": keep every candidate the rules keep)`)
	sources := fs.Bool("sources", true, "read each document as an article of the site its url names, learning sites' localities in order (false: every document alone)")
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("eval: name one or more corpus .jsonl files")
	}
	g, err := cli.LoadGazetteer(env.logger(), *gazPath)
	if err != nil {
		return err
	}
	parser := gazetteer.NewParser(g)
	switch *modelPath {
	case "":
	case "none":
		parser = parser.WithModel(nil)
	default:
		m, err := readModel(*modelPath)
		if err != nil {
			return err
		}
		parser = parser.WithModel(m)
	}
	w := env.stdout
	fmt.Fprintln(w, "corpus\tdocs\tgold\tpred\tP\tR\tF1\toverlapF1\tA@161\tmeanKm\tmedianKm\tAUC\tR@161\tdocs/s\tMB/s")
	for _, path := range fs.Args() {
		docs, err := readCorpus(path)
		if err != nil {
			return err
		}
		if *limit > 0 && len(docs) > *limit {
			docs = docs[:*limit]
		}
		if !*sources {
			for i := range docs {
				docs[i].URL = ""
			}
		}
		r := eval.Run(parser.WithModel(parser.Model()), docs, *details) // a new parser per corpus: no sources learnt
		p, rc, f1 := r.Exact()
		_, _, of1 := r.Overlap()
		mean, median := r.MeanMedian()
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.0f\t%.0f\t%.3f\t%.3f\t%.0f\t%.1f\n",
			strings.TrimSuffix(filepath.Base(path), ".jsonl"), r.Docs, r.Gold, r.Predicted, p, rc, f1, of1,
			r.A161(), mean, median, r.AUC(), r.Recall161(), float64(r.Docs)/r.Seconds, float64(r.Bytes)/1e6/r.Seconds)
		if *details {
			for _, sec := range []struct {
				name  string
				lines []string
			}{{"MISS", r.Misses}, {"SPURIOUS", r.Spurious}, {"WRONG", r.Wrong}} {
				for _, l := range sec.lines {
					fmt.Fprintf(w, "%s\t%s\n", sec.name, l)
				}
			}
		}
	}
	return nil
}

// readModel reads a recognizer file.
func readModel(path string) (*gazetteer.Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return gazetteer.ReadModel(f)
}
