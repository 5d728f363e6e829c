package gazetteer

import (
	"bytes"
	"errors"
	"io"
	"unsafe"
)

// lineBlock is the size of the blocks that a file's lines are read into:
// a few whole huge pages each.
const lineBlock = 8 << 20

// maxLine bounds a line, so that a damaged file is refused rather than
// read whole into memory.
const maxLine = 1 << 24

var errLongLine = errors.New("a line longer than 16 MB")

// lineReader splits a stream into lines, each a string over a large block
// that is never written again once a line in it is returned. The
// gazetteer keeps most of every line (names and keys are substrings of
// it), so a string copied out per line, as bufio.Scanner's Text does,
// was 300,000 allocations and a fifth of the memory that a load touched.
// A line ends at "\n", with a "\r" before it dropped; the last line need
// not end in one.
type lineReader struct {
	r          io.Reader
	block      int    // the size of a new block
	buf        []byte // the current block; buf[start:end] is read and not yet returned
	start, end int
	err        error // of the last read; io.EOF at the end
	line       string
}

func newLineReader(r io.Reader) *lineReader { return &lineReader{r: r, block: lineBlock} }

// Scan advances to the next line, which Text then returns. It returns
// false at the end of the stream or on an error, which Err returns.
func (lr *lineReader) Scan() bool {
	for {
		if i := bytes.IndexByte(lr.buf[lr.start:lr.end], '\n'); i >= 0 {
			lr.take(i, i+1)
			return true
		}
		if lr.err != nil {
			if lr.start == lr.end {
				return false
			}
			lr.take(lr.end-lr.start, lr.end-lr.start)
			return true
		}
		if lr.end == len(lr.buf) {
			if lr.end-lr.start >= maxLine {
				lr.err = errLongLine
				return false
			}
			lr.grow()
		}
		n, err := lr.r.Read(lr.buf[lr.end:])
		lr.end += n
		lr.err = err
	}
}

// take makes the next n bytes the line, and skips past them and the
// line's end, of length skip - n.
func (lr *lineReader) take(n, skip int) {
	b := lr.buf[lr.start : lr.start+n]
	if n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	lr.line = unsafe.String(unsafe.SliceData(b), len(b))
	lr.start += skip
}

// grow moves the partial line at the end of a full block into a new one,
// twice its size if it needs that. The old block stays whole: lines
// returned from it are still in use.
func (lr *lineReader) grow() {
	partial := lr.buf[lr.start:lr.end]
	b := make([]byte, max(lr.block, 2*len(partial)))
	adviseHuge(b)
	lr.buf, lr.start, lr.end = b, 0, copy(b, partial)
}

// Text is the current line. It stays valid, and unchanged, for as long as
// it is used.
func (lr *lineReader) Text() string { return lr.line }

// Err is the error that stopped Scan, if it was not the end of the stream.
func (lr *lineReader) Err() error {
	if lr.err == io.EOF {
		return nil
	}
	return lr.err
}
