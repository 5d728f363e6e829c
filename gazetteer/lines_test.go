package gazetteer

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// scanAll reads every line of text through a lineReader with blocks of
// the given size, fed a byte at a time when slow.
func scanAll(text string, block int, slow bool) ([]string, error) {
	var r io.Reader = strings.NewReader(text)
	if slow {
		r = iotest.OneByteReader(r)
	}
	lr := newLineReader(r)
	lr.block = block
	var lines []string
	for lr.Scan() {
		lines = append(lines, lr.Text())
	}
	return lines, lr.Err()
}

func TestLineReader(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"empty", "", nil},
		{"one line", "P\ta\n", []string{"P\ta"}},
		{"no final newline", "a\nb", []string{"a", "b"}},
		{"empty lines", "\n\na\n\n", []string{"", "", "a", ""}},
		{"carriage returns dropped", "a\r\nb\r\n\r\n", []string{"a", "b", ""}},
		{"a carriage return inside kept", "a\rb\n", []string{"a\rb"}},
		{"lines across blocks", "abc\ndefgh\nij\nklmnopqrstu\nv", []string{"abc", "defgh", "ij", "klmnopqrstu", "v"}},
	} {
		for _, block := range []int{1, 4, lineBlock} {
			for _, slow := range []bool{false, true} {
				got, err := scanAll(tc.text, block, slow)
				if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
					t.Errorf("%s (block %d, slow %v): got %q, %v; want %q", tc.name, block, slow, got, err, tc.want)
				}
			}
		}
	}
}

// Lines stay whole while later ones are read: they are never written
// over, even when a block fills up.
func TestLineReaderKeepsLines(t *testing.T) {
	var text strings.Builder
	for i := range 1000 {
		text.WriteString(strings.Repeat(string(rune('a'+i%26)), i%37) + "\n")
	}
	got, err := scanAll(text.String(), 64, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range got {
		if want := strings.Repeat(string(rune('a'+i%26)), i%37); l != want {
			t.Fatalf("line %d = %q, want %q", i, l, want)
		}
	}
}

func TestLineReaderErrors(t *testing.T) {
	boom := errors.New("boom")
	lr := newLineReader(io.MultiReader(strings.NewReader("a\nb"), iotest.ErrReader(boom)))
	var got []string
	for lr.Scan() {
		got = append(got, lr.Text())
	}
	if !errors.Is(lr.Err(), boom) || strings.Join(got, "|") != "a|b" {
		t.Errorf("got %q, %v; want the lines before the error, then boom", got, lr.Err())
	}
	lr = newLineReader(io.LimitReader(neverEnding('x'), maxLine+10))
	if lr.Scan() || !errors.Is(lr.Err(), errLongLine) {
		t.Errorf("a line of more than %d bytes: Scan gave %q, %v; want errLongLine", maxLine, lr.Text(), lr.Err())
	}
}

type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// FuzzLineReader checks lineReader against bufio.Scanner's lines.
func FuzzLineReader(f *testing.F) {
	for _, s := range []string{"", "a\nb", "a\r\n\r\nb\r", "\n\n\n", "P\tx\ty\n"} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, text string, block uint8) {
		sc := bufio.NewScanner(strings.NewReader(text))
		var want []string
		for sc.Scan() {
			want = append(want, sc.Text())
		}
		got, err := scanAll(text, int(block)+1, false)
		if err != nil || len(got) != len(want) || strings.Join(got, "\x00") != strings.Join(want, "\x00") {
			t.Errorf("lines of %q (block %d): got %q, %v; want %q", text, block+1, got, err, want)
		}
	})
}
