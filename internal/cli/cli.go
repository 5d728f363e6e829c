// Package cli holds what mentionmap's commands share as processes: flags
// that fall back to MENTIONMAP_* environment variables, the logger, and
// loading the gazetteer.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"mentionmap/gazetteer"
)

// ErrHelp reports that --help was asked for: not a failure.
var ErrHelp = errors.New("help requested")

// Parse parses args into fs, then fills every flag not given on the
// command line from MENTIONMAP_<NAME> (dashes become underscores).
func Parse(fs *flag.FlagSet, args []string, getenv func(string) string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ErrHelp
		}
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		name := "MENTIONMAP_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := getenv(name); v != "" && !set[f.Name] && err == nil {
			if e := fs.Set(f.Name, v); e != nil {
				err = fmt.Errorf("%s: %v", name, e)
			}
		}
	})
	return err
}

// Logger is the process's structured logger, writing text to w.
func Logger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// LoadGazetteer loads the gazetteer file at path, or the embedded one.
func LoadGazetteer(log *slog.Logger, path string) (*gazetteer.Gazetteer, error) {
	start := time.Now()
	var g *gazetteer.Gazetteer
	var err error
	if path == "" {
		g, err = gazetteer.Default()
	} else {
		g, err = gazetteer.Open(path)
	}
	if err != nil {
		return nil, err
	}
	log.Info("gazetteer loaded", "places", g.Len(), "names", g.Names(), "took", time.Since(start).Round(time.Millisecond))
	return g, nil
}
