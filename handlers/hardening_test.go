package handlers_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mentionmap/data/sqlite"
	"mentionmap/gazetteer"
	"mentionmap/geo"
	"mentionmap/handlers"
)

// smallBuffers makes every accepted connection's send buffer tiny, so a
// client that does not read blocks the server after a few kilobytes, as a
// stalled client on a real network does after megabytes.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(4096)
	}
	return c, err
}

// startServer is newServer with the store at hand and small send buffers.
func startServer(t *testing.T, opts handlers.Options) (*httptest.Server, *sqlite.Store) {
	t.Helper()
	newServer(t, handlers.Options{}) // loads the shared gazetteer
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "api.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv := httptest.NewUnstartedServer(handlers.New(store, gazetteer.NewParser(gaz), opts))
	srv.Listener = smallBuffers{srv.Listener}
	srv.Start()
	t.Cleanup(func() { srv.CloseClientConnections(); srv.Close(); store.Close() })
	return srv, store
}

// seedMentions stores n articles of 25 mentions each.
func seedMentions(t *testing.T, store *sqlite.Store, n int) {
	t.Helper()
	names := "Sirte, Tripoli, Benghazi, Misrata, Derna, Tobruk, Sabha, Zawiya, Cairo, Tunis, Algiers, " +
		"Rome, Paris, Madrid, Berlin, Athens, Ankara, Lagos, Nairobi, Dakar, Accra, Khartoum, Niamey, Bamako, Rabat."
	arts := make([]*geo.Article, n)
	for i := range arts {
		arts[i] = &geo.Article{URL: fmt.Sprintf("https://x.test/%d", i), Title: "Report",
			Text: fmt.Sprintf("Report %d: fighting was seen in %s", i, names)}
	}
	if _, err := geo.IngestBatch(context.Background(), store, gazetteer.NewParser(gaz), arts); err != nil {
		t.Fatal(err)
	}
}

// stall sends a request and never reads the answer.
func stall(t *testing.T, addr, path string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.(*net.TCPConn).SetReadBuffer(4096)
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", path)
	t.Cleanup(func() { c.Close() })
	return c
}

// getWithin fails the test unless url answers status within d.
func getWithin(t *testing.T, url string, d time.Duration, status int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != status {
		t.Fatalf("GET %s: %d, want %d", url, res.StatusCode, status)
	}
}

func TestStalledReadersHoldNoConnection(t *testing.T) {
	// The write timeout is far longer than the budgets below, so only
	// answers that hold no connection while they are written pass.
	srv, store := startServer(t, handlers.Options{WriteTimeout: 20 * time.Second})
	seedMentions(t, store, 200) // 5,000 mentions: about 3 MB as GeoJSON
	addr := strings.TrimPrefix(srv.URL, "http://")
	for range 12 { // more than the 8 pooled readers
		stall(t, addr, "/features.geojson?group=mention&limit=10000")
	}
	time.Sleep(300 * time.Millisecond) // let the stalled requests reach their writes
	getWithin(t, srv.URL+"/healthz", 5*time.Second, 200)
	getWithin(t, srv.URL+"/features.geojson?group=mention&limit=5", 5*time.Second, 200)
	getWithin(t, srv.URL+"/collections/mentions/items?limit=5", 5*time.Second, 200)
}

func TestStalledReaderIsDropped(t *testing.T) {
	srv, store := startServer(t, handlers.Options{WriteTimeout: 300 * time.Millisecond})
	seedMentions(t, store, 100)
	c := stall(t, strings.TrimPrefix(srv.URL, "http://"), "/features.geojson?group=mention&limit=10000")
	time.Sleep(time.Second) // past the write deadline
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, res.Body)
	if err == nil || n >= res.ContentLength {
		t.Fatalf("read %d of %d bytes, err %v: want the connection dropped before the end", n, res.ContentLength, err)
	}
}
