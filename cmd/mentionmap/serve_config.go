package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"mentionmap/handlers"
	"mentionmap/web"
)

// serveConfig is what `mentionmap serve` is told, by flags or by
// MENTIONMAP_* variables.
type serveConfig struct {
	addr, db, gazetteer string
	dbReplica           string
	demo                bool
	origins, token      string
	analysts            string // a file of analysts' tokens
	tileURL, tileAttrib string
	maxBody             int64
	maxBatch, maxHeavy  int
	requestTimeout      time.Duration
	writeTimeout        time.Duration
	spoolDir            string
	feeds               multiFlag
	feedsFile           string
	every               time.Duration
	allowPrivate        bool
	webhookEvery        time.Duration
}

// serveFlags registers serve's flags on fs, writing into a config.
func serveFlags(fs *flag.FlagSet) *serveConfig {
	c := &serveConfig{}
	fs.StringVar(&c.addr, "addr", ":8080", "listen address")
	fs.StringVar(&c.db, "db", "mentionmap.db", "the store: a SQLite file, or a postgres:// URL")
	fs.StringVar(&c.dbReplica, "db-replica", "", "a postgres:// hot standby of --db to send reads to")
	fs.BoolVar(&c.demo, "demo", false, "ingest the bundled demo articles at start")
	fs.StringVar(&c.gazetteer, "gazetteer", "", "gazetteer file (default: the embedded one)")
	fs.StringVar(&c.origins, "cors-origins", "*", "comma-separated origins allowed to read the API (and, with --token, to write)")
	fs.Int64Var(&c.maxBody, "max-body", 10<<20, "largest request body in bytes")
	fs.StringVar(&c.token, "token", "", "bearer token required on write endpoints")
	fs.StringVar(&c.analysts, "analysts", "", `file of analysts' write tokens, a "name token" line each (# comments): corrections record the name`)
	fs.StringVar(&c.tileURL, "tile-url", "", "optional raster base map for the page, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png")
	fs.StringVar(&c.tileAttrib, "tile-attribution", "", "attribution shown for --tile-url")
	fs.Var(&c.feeds, "feed", "RSS, Atom or JSON Feed URL to poll (repeatable)")
	fs.StringVar(&c.feedsFile, "feeds", "", "file of feed URLs to poll, one per line (# comments)")
	fs.DurationVar(&c.every, "every", 15*time.Minute, "how often to poll each feed")
	fs.BoolVar(&c.allowPrivate, "allow-private-fetch", false, "fetch links that feeds lead to, and post to webhooks, on loopback and private addresses too")
	fs.DurationVar(&c.webhookEvery, "webhook-every", 30*time.Second, "how often to look for watch events to post to webhooks")
	fs.IntVar(&c.maxBatch, "max-batch", 10_000, "most articles in one NDJSON request body")
	fs.DurationVar(&c.requestTimeout, "request-timeout", 30*time.Second, "the longest a request may work before it answers 503")
	fs.DurationVar(&c.writeTimeout, "write-timeout", 15*time.Second, "the longest one write to a client may block before the client is dropped")
	fs.IntVar(&c.maxHeavy, "max-heavy", 4, "expensive reads (large pages, searches, new map filters) at once; more answer 503")
	fs.StringVar(&c.spoolDir, "spool-dir", "", "where answers over 1 MB wait to be sent (default: the system's temporary directory)")
	return c
}

// feedURLs merges --feed URLs with those in the --feeds file.
func (c *serveConfig) feedURLs() ([]string, error) {
	out := append([]string(nil), c.feeds...)
	if c.feedsFile == "" {
		return out, nil
	}
	b, err := os.ReadFile(c.feedsFile)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out, nil
}

// analystTokens reads the --analysts file: token -> name.
func (c *serveConfig) analystTokens() (map[string]string, error) {
	if c.analysts == "" {
		return nil, nil
	}
	b, err := os.ReadFile(c.analysts)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sep := strings.LastIndexAny(line, " \t")
		name, token := strings.TrimSpace(line[:max(sep, 0)]), line[sep+1:]
		if sep < 0 || name == "" || len(token) < 16 {
			return nil, fmt.Errorf("%s:%d: want a name, a space and a token of 16 characters or more", c.analysts, i+1)
		}
		if _, dup := out[token]; dup || token == c.token {
			return nil, fmt.Errorf("%s:%d: this token is given twice", c.analysts, i+1)
		}
		out[token] = name
	}
	return out, nil
}

// apiOptions are the handlers' options from the config.
func (c *serveConfig) apiOptions() handlers.Options {
	return handlers.Options{
		MaxBodyBytes: c.maxBody, CORSOrigins: strings.Split(c.origins, ","), Token: c.token,
		Assets: web.FS(), TileURL: c.tileURL, TileAttrib: c.tileAttrib, MaxBatch: c.maxBatch,
		RequestTimeout: c.requestTimeout, WriteTimeout: c.writeTimeout, MaxHeavy: c.maxHeavy, SpoolDir: c.spoolDir,
	}
}
