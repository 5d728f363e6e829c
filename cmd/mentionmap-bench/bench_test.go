package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mentionmap/data/sqlite"
	"mentionmap/geo"
)

func noEnv(string) string { return "" }

// TestBenchRefusesAnEarlierDatabase: a second run into the same --dir
// would find every article stored and report a meaningless rate.
func TestBenchRefusesAnEarlierDatabase(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bench.db"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"--dir", dir, "--only", "ingest"}, noEnv, io.Discard, io.Discard)
	if geo.ErrorCode(err) != geo.EINVALID {
		t.Fatalf("err = %v", err)
	}
}

// TestBenchRefusesAnUnknownPart: a mistyped --only must not start the
// whole bench, which takes many minutes.
func TestBenchRefusesAnUnknownPart(t *testing.T) {
	err := run(context.Background(), []string{"--dir", t.TempDir(), "--only", "ingets"}, noEnv, io.Discard, io.Discard)
	if geo.ErrorCode(err) != geo.EINVALID {
		t.Fatalf("err = %v", err)
	}
}

// TestBenchIngestPasses runs the ingest rows of the bench on a small
// corpus: they report the median of the passes, every pass stores the
// whole corpus, and only the last pass's database is left.
func TestBenchIngestPasses(t *testing.T) {
	dir := t.TempDir()
	var stdout strings.Builder
	err := run(context.Background(), []string{"--dir", dir, "--only", "ingest", "--articles", "300"}, noEnv, &stdout, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	m := regexp.MustCompile(`median of 3 passes\) \| (\d+) articles/s \| (\d+) mentions/s; passes (\d+)-(\d+) articles/s`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no ingest row in:\n%s", out)
	}
	rate, _ := strconv.Atoi(m[1])
	lo, _ := strconv.Atoi(m[3])
	hi, _ := strconv.Atoi(m[4])
	if rate <= 0 || lo > rate || rate > hi {
		t.Errorf("median %d outside the passes %d-%d", rate, lo, hi)
	}
	store, err := sqlite.Open(context.Background(), filepath.Join(dir, "bench.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if arts, err := store.Articles(context.Background(), 1000, 0); err != nil || len(arts) != 300 {
		t.Errorf("bench.db holds %d articles (%v), want 300", len(arts), err)
	}
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		if strings.Contains(f.Name(), "pass") {
			t.Errorf("%s was left behind", f.Name())
		}
	}
}

// TestBenchReady times serve's start-up with a real binary: the row gives
// the median of the starts and their range, and every start answered.
func TestBenchReady(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "mentionmap")
	if out, err := exec.Command("go", "build", "-o", bin, "mentionmap/cmd/mentionmap").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("a --dir that is missing is made", func(t *testing.T) {
		var stdout strings.Builder
		err := run(context.Background(), []string{"--dir", filepath.Join(dir, "new", "sub"), "--bin", bin, "--only", "ready"}, noEnv, &stdout, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`median of \d+ starts\) \| ([\d.]+) ms \| ([\d.]+) ms-([\d.]+) ms`).FindStringSubmatch(stdout.String())
		if m == nil {
			t.Fatalf("no ready row in:\n%s", stdout.String())
		}
		med, _ := strconv.ParseFloat(m[1], 64)
		lo, _ := strconv.ParseFloat(m[2], 64)
		hi, _ := strconv.ParseFloat(m[3], 64)
		if lo <= 0 || lo > med || med > hi {
			t.Errorf("median %v ms outside its range %v-%v ms", med, lo, hi)
		}
	})
	t.Run("a server that cannot start is reported with its error", func(t *testing.T) {
		bad := filepath.Join(dir, "bad")
		if err := os.MkdirAll(filepath.Join(bad, "ready.db"), 0o755); err != nil {
			t.Fatal(err)
		}
		err := run(context.Background(), []string{"--dir", bad, "--bin", bin, "--only", "ready"}, noEnv, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "exited before it was ready") || !strings.Contains(err.Error(), "ready.db") {
			t.Errorf("got %v, want the server's own error about ready.db", err)
		}
	})
}
