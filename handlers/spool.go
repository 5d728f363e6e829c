package handlers

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"time"
)

// spoolMemory is how much of an answer a spool keeps in memory before it
// moves the answer to a temporary file.
const spoolMemory = 1 << 20

// spool holds an answer while the store reads it, so that the database
// connection is released before the client is written to: a client that
// stops reading then holds a file, never a connection. Past spoolMemory
// bytes the answer goes to an unlinked temporary file in dir.
type spool struct {
	dir  string
	mem  bytes.Buffer
	file *os.File
	n    int64
}

func (s *spool) Write(p []byte) (int, error) {
	s.n += int64(len(p))
	if s.file == nil && s.mem.Len()+len(p) <= spoolMemory {
		return s.mem.Write(p)
	}
	if s.file == nil {
		f, err := os.CreateTemp(s.dir, "mentionmap-spool-*")
		if err != nil {
			return 0, err
		}
		os.Remove(f.Name()) // the open file outlives its name; a crash leaves nothing
		if _, err := f.Write(s.mem.Bytes()); err != nil {
			f.Close()
			return 0, err
		}
		s.file = f
		s.mem = bytes.Buffer{}
	}
	return s.file.Write(p)
}

// Len is the size of the answer so far.
func (s *spool) Len() int64 { return s.n }

// reader returns the answer from its start.
func (s *spool) reader() (io.Reader, error) {
	if s.file == nil {
		return &s.mem, nil
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return s.file, nil
}

// Close drops the answer.
func (s *spool) Close() {
	if s.file != nil {
		s.file.Close()
	}
}

// deadlineWriter sets a write deadline before each write, so a client that
// stops reading is dropped after timeout, however large the answer.
type deadlineWriter struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

func newDeadlineWriter(w http.ResponseWriter, timeout time.Duration) *deadlineWriter {
	return &deadlineWriter{w: w, rc: http.NewResponseController(w), timeout: timeout}
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	d.rc.SetWriteDeadline(time.Now().Add(d.timeout)) // not every writer supports it; the write still goes
	return d.w.Write(p)
}

// sendSpool writes the spooled answer in chunks, each under its own
// deadline.
func sendSpool(d *deadlineWriter, sp *spool) error {
	r, err := sp.reader()
	if err != nil {
		return err
	}
	// Hiding WriteTo keeps each write to one chunk, under one deadline.
	_, err = io.CopyBuffer(d, struct{ io.Reader }{r}, make([]byte, 32<<10))
	return err
}
