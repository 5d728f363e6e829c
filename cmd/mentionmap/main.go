// Command mentionmap finds the places news articles mention, stores them and
// serves them to map clients. This package is wiring: each subcommand reads
// its flags and hands the work to the packages that own it.
//
// Usage:
//
//	mentionmap serve [--addr :8080] [--db mentionmap.db] [--demo]
//	mentionmap parse [--jsonl] < article.txt
//	mentionmap ingest --db PATH FILE|DIR|-...
//	mentionmap gazetteer build [--npm DIR] [--cities FILE]... -o FILE
//	mentionmap migrate --from mentionmap.db --to postgres://...
//	mentionmap eval [--errors] CORPUS.jsonl...
//
// Every flag falls back to a MENTIONMAP_* environment variable: --db to
// MENTIONMAP_DB, --gazetteer to MENTIONMAP_GAZETTEER, and so on.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"mentionmap/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil && !errors.Is(err, cli.ErrHelp) {
		fmt.Fprintln(os.Stderr, "mentionmap:", err)
		os.Exit(1)
	}
}

const usage = `usage: mentionmap COMMAND [flags]

commands:
  serve       serve the HTTP API and map
  parse       geoparse text on stdin to GeoJSON on stdout
  ingest      geoparse and store articles from files
  gazetteer   build a gazetteer file (gazetteer build --help)
  migrate     copy a SQLite database into PostgreSQL (--from FILE --to postgres://...)
  reparse     parse the stored articles again after an upgrade, keeping corrections
  eval        score the geoparser on annotated corpora (.jsonl)
  train       fit the geoparser's recognizer on annotated corpora

Run 'mentionmap COMMAND --help' for a command's flags.`

// run is main without the process: testable, and every dependency passed in.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return fmt.Errorf("no command")
	}
	env := &cmdEnv{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "serve":
		return runServe(ctx, env, args[1:])
	case "parse":
		return runParse(ctx, env, args[1:])
	case "ingest":
		return runIngest(ctx, env, args[1:])
	case "gazetteer":
		return runGazetteer(ctx, env, args[1:])
	case "migrate":
		return runMigrate(ctx, env, args[1:])
	case "reparse":
		return runReparse(ctx, env, args[1:])
	case "eval":
		return runEval(ctx, env, args[1:])
	case "train":
		return runTrain(ctx, env, args[1:])
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	fmt.Fprintln(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
