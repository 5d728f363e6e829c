package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// benchServer is the real binary serving the bench database.
type benchServer struct {
	cmd   *exec.Cmd
	base  string
	ready time.Duration

	columns     chan struct{} // closed when the server logs its mention columns loaded
	columnsTook string        // the time it logged
	logEnded    chan struct{} // closed when the server's log ends, as it exits
	lastLog     string        // its last line, read once logEnded is closed
}

// startServer starts the binary's serve command on a free loopback port
// and waits until it answers.
func startServer(ctx context.Context, exe, db string) (*benchServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	start := time.Now()
	cmd := exec.CommandContext(ctx, exe, "serve", "--addr", addr, "--db", db)
	s := &benchServer{cmd: cmd, base: "http://" + addr, columns: make(chan struct{}), logEnded: make(chan struct{})}
	logs, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go s.watchLog(logs)
	for time.Since(start) < 30*time.Second {
		select {
		case <-s.logEnded:
			cmd.Wait()
			return nil, fmt.Errorf("the server exited before it was ready: %s", s.lastLog)
		default:
		}
		if res, err := http.Get(s.base + "/healthz"); err == nil {
			res.Body.Close()
			s.ready = time.Since(start)
			return s, nil
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	return nil, fmt.Errorf("the server did not become ready")
}

// watchLog reads the server's log until it ends, noting when the mention
// columns are loaded, and its last line.
func (s *benchServer) watchLog(r io.Reader) {
	defer close(s.logEnded)
	sc := bufio.NewScanner(r)
	took := regexp.MustCompile(`took=(\S+)`)
	for sc.Scan() {
		line := sc.Text()
		s.lastLog = line
		if strings.Contains(line, "mention columns loaded") {
			if m := took.FindStringSubmatch(line); m != nil {
				s.columnsTook = m[1]
			}
			close(s.columns)
		}
	}
}

// waitColumns waits until the server has loaded its mention columns.
func (s *benchServer) waitColumns() error {
	select {
	case <-s.columns:
		return nil
	case <-time.After(2 * time.Minute):
		return fmt.Errorf("the server did not load its mention columns")
	}
}

func (s *benchServer) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	s.cmd.Wait()
}

// rssMB reads the server's resident memory (VmRSS) or peak (VmHWM).
func (s *benchServer) rssMB(field string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	m := regexp.MustCompile(field + `:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		return 0
	}
	kb, _ := strconv.ParseFloat(string(m[1]), 64)
	return kb / 1024
}

// latency is the distribution of one kind of request.
type latency struct {
	p50, p99 time.Duration
	bytes    int
}

// measure GETs each URL in turn, n rounds, and returns p50/p99 and the
// mean body size.
func measure(client *http.Client, urls []string, rounds int, gzip bool) (latency, error) {
	var ds []time.Duration
	total, count := 0, 0
	for r := 0; r < rounds; r++ {
		for _, u := range urls {
			req, _ := http.NewRequest("GET", u, nil)
			if gzip {
				req.Header.Set("Accept-Encoding", "gzip")
			}
			t := time.Now()
			res, err := client.Do(req)
			if err != nil {
				return latency{}, err
			}
			n, _ := io.Copy(io.Discard, res.Body)
			res.Body.Close()
			ds = append(ds, time.Since(t))
			if res.StatusCode != 200 {
				return latency{}, fmt.Errorf("GET %s: %s", u, res.Status)
			}
			total += int(n)
			count++
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return latency{p50: ds[len(ds)/2], p99: ds[len(ds)*99/100], bytes: total / count}, nil
}

// postBatches sends NDJSON bodies and returns articles per second.
func postBatches(base string, bodies [][]byte, perBody int) (float64, error) {
	start := time.Now()
	for _, b := range bodies {
		res, err := http.Post(base+"/articles", "application/x-ndjson", bytes.NewReader(b))
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 201 && res.StatusCode != 200 {
			return 0, fmt.Errorf("POST /articles: %s", res.Status)
		}
	}
	return float64(len(bodies)*perBody) / time.Since(start).Seconds(), nil
}

// runWrk runs wrk, if installed, and returns requests per second.
func runWrk(url string, conns int, seconds int) (float64, error) {
	path, err := exec.LookPath("wrk")
	if err != nil {
		return 0, err
	}
	out, err := exec.Command(path, "-t2", "-c"+strconv.Itoa(conns), "-d"+strconv.Itoa(seconds)+"s",
		"-H", "Accept-Encoding: gzip", url).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("wrk: %v: %s", err, out)
	}
	m := regexp.MustCompile(`Requests/sec:\s+([\d.]+)`).FindSubmatch(out)
	if m == nil || strings.Contains(string(out), "Non-2xx") {
		return 0, fmt.Errorf("wrk: %s", out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}
