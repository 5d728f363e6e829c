package sqlite

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestCheckpointerCopiesTheWAL checks that committed pages reach the
// database file while the store is open: the writer does not checkpoint
// itself, so without the checkpointer the file would keep its size until
// Close.
func TestCheckpointerCopiesTheWAL(t *testing.T) {
	s, path := openTest(t)
	before := fileSize(t, path)
	if _, err := s.IngestBatch(context.Background(), newsBatches(1, 200, 3)[0]); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for fileSize(t, path) <= before {
		if time.Now().After(deadline) {
			t.Fatalf("database file still %d bytes; WAL %d bytes", fileSize(t, path), fileSize(t, path+"-wal"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil { // a second Close is harmless
		t.Log(err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestWALStaysBounded ingests batch after batch without a pause, as the
// CLI does. A checkpoint beside a writer that never pauses rarely ends
// before the next batch begins, so without restartWAL the WAL grows by
// every batch: 88 MB here with no bound, 24 MB with a bound of 200 pages
// (the checkpointer reports the WAL's size at most every 250 ms, so a
// few batches pass the bound before the writer sees it).
func TestWALStaysBounded(t *testing.T) {
	s, path := openTest(t)
	s.checkpoints.maxPages = 200
	for _, batch := range newsBatches(40, 100, 4) {
		if _, err := s.IngestBatch(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
	if wal := fileSize(t, path+"-wal"); wal > 48<<20 {
		t.Errorf("the WAL grew to %d bytes", wal)
	}
}

// TestRestartDoesNotWaitForReaders: with the WAL past its bound, a reader
// in the middle of a long read keeps the WAL from starting over. The next
// batch tries and goes on, instead of waiting out the 10 s busy timeout.
func TestRestartDoesNotWaitForReaders(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	// Without the checkpointer: had it copied the whole WAL before the
	// reader began, the reader would read the file alone, and rightly not
	// hold the restart back.
	s.checkpoints.stop()
	s.checkpoints.maxPages = 1
	if _, err := s.IngestBatch(ctx, newsBatches(1, 50, 5)[0]); err != nil {
		t.Fatal(err)
	}
	reader, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Rollback()
	var n int
	if err := reader.QueryRow("SELECT count(*) FROM mentions").Scan(&n); err != nil || n == 0 {
		t.Fatalf("reader: %d mentions, %v", n, err)
	}
	s.checkpoints.walPages.Store(2) // as the checkpointer would report it
	start := time.Now()
	if _, err := s.IngestBatch(ctx, newsBatches(1, 50, 6)[0]); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited > busyTimeout*time.Millisecond/2 {
		t.Errorf("the batch waited %v for the reader", waited)
	}
	if s.checkpoints.walPages.Load() < 1 {
		t.Errorf("the WAL counts as restarted while a reader held it")
	}
}
