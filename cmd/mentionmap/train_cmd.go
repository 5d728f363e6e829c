package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"

	"mentionmap/eval"
	"mentionmap/gazetteer"
	"mentionmap/internal/cli"
	"mentionmap/train"
)

// runTrain fits the recognizer on annotated corpora and writes its model
// file: gazetteer/recognizer.tsv is the embedded one.
func runTrain(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	gazPath := fs.String("gazetteer", "", "gazetteer file (default: the embedded one)")
	out := fs.String("o", "", "model file to write, e.g. gazetteer/recognizer.tsv")
	var o train.Options
	fs.Uint64Var(&o.Seed, "seed", 1, "orders the examples; the same seed and corpora give the same file")
	fs.IntVar(&o.Epochs, "epochs", 30, "passes over the examples")
	fs.Float64Var(&o.L2, "l2", 1e-5, "weight decay per step")
	fs.IntVar(&o.MinSupport, "min-support", 3, "drop features seen in fewer candidates")
	if err := env.parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 || *out == "" {
		return fmt.Errorf("train: usage: mentionmap train -o FILE CORPUS.jsonl [CORPUS.jsonl ...]")
	}
	g, err := cli.LoadGazetteer(env.logger(), *gazPath)
	if err != nil {
		return err
	}
	var c train.Corpus
	for _, path := range fs.Args() {
		docs, err := readCorpus(path)
		if err != nil {
			return err
		}
		c.Add(gazetteer.NewParser(g).WithModel(nil), docs) // each corpus learns its own sources
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	m := train.Fit(&c, o)
	var names []string
	for _, n := range m.Names {
		if math.Abs(m.Weights[n]) >= 5e-4 {
			names = append(names, n)
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := gazetteer.WriteModel(f, names, m.Weights, m.Threshold); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "wrote %s: %d features from %d judged candidates (%d gold toponyms), threshold %.3f\n",
		*out, len(names), len(c.Examples), c.Gold, m.Threshold)
	return nil
}

// readCorpus reads an annotated corpus file.
func readCorpus(path string) ([]eval.Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := eval.ReadDocs(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}
