// Command mentionmap-bench measures mentionmap on a deterministic synthetic
// corpus (60,000 articles, about 1M mentions, by default): geoparse and
// ingest in process, then the API of the real binary on loopback, into one
// Markdown table. It is not part of the shipped binary.
//
// Usage:
//
//	mentionmap-bench [--bin ./mentionmap] [--articles N] [--wrk-seconds S] [--dir DIR] [--only ingest]
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"mentionmap/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil && !errors.Is(err, cli.ErrHelp) {
		fmt.Fprintln(os.Stderr, "mentionmap-bench:", err)
		os.Exit(1)
	}
}
