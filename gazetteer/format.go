package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/klauspost/compress/zstd"
	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// The gazetteer file is zstd-compressed UTF-8 text (gzip'd files load
// too), one record a line, fields separated by tabs:
//
//	N places keys                  (first line: sizes, so Load allocates once)
//	P key geonameid kind country admin1 lat lon population fcode name alternates demonyms admin2 bbox
//	W word
//
// alternates and demonyms are lookup keys (see Key) separated by "|"; an
// alternate that starts with "=" is an abbreviation that only matches in
// capitals (US, U.S., UAE). admin2 is the code of the second-level division
// of a town or division (its last column; files without it load, and then
// towns are not tied to their counties). bbox is an area's extent,
// "west,south,east,north", or empty for a town; files without the column
// load without extents. W lines list common English words: the words a
// dictionary spells in lower case.

// record is one place as stored in the file.
type record struct {
	geo.Place
	FCode    string
	Admin2   string // second-level division code, "201" in US.TX.201
	Alts     []string
	Demonyms []string
	// altKeys and demonymKeys are Alts and Demonyms as a loaded file
	// holds them, keys joined by "|": a load reads them in place.
	altKeys, demonymKeys string
	// nameKey is Key(Name), made as the file is parsed: the goroutine that
	// indexes the records has more to do than the one that parses them.
	nameKey string
}

const placeFields = 15

func (r *record) write(w io.Writer) error {
	_, err := fmt.Fprintf(w, "P\t%s\t%d\t%s\t%s\t%s\t%.5f\t%.5f\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n",
		r.Key, r.GeonameID, r.Kind, r.Country, r.Admin1, r.Point.Lat(), r.Point.Lon(),
		r.Population, r.FCode, clean(r.Name), joinKeys(r.Alts), joinKeys(r.Demonyms), r.Admin2, formatBBox(r.BBox))
	return err
}

func formatBBox(b *geo.BBox) string {
	if b == nil {
		return ""
	}
	return strconv.FormatFloat(b[0], 'f', -1, 64) + "," + strconv.FormatFloat(b[1], 'f', -1, 64) + "," +
		strconv.FormatFloat(b[2], 'f', -1, 64) + "," + strconv.FormatFloat(b[3], 'f', -1, 64)
}

func parseBBox(s string) (*geo.BBox, error) {
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return nil, fmt.Errorf("bbox %q: want 4 numbers", s)
	}
	var b geo.BBox
	for i := range f {
		v, err := parseDecimal(f[i])
		if err != nil {
			return nil, fmt.Errorf("bbox %q: bad number %q", s, f[i])
		}
		b[i] = v
	}
	if !geo.ValidBound(b.Bound()) {
		return nil, fmt.Errorf("bbox %q: not a box within ±180° and ±90°", s)
	}
	return &b, nil
}

func clean(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "|", " ").Replace(s)
}

// joinKeys writes names as their keys, keeping the "=" of abbreviations.
func joinKeys(ss []string) string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		k := Key(s)
		if !isLatinKey(k) {
			continue
		}
		if strings.HasPrefix(s, "=") {
			k = "=" + k
		}
		out = append(out, k)
	}
	return strings.Join(out, "|")
}

func parseRecord(f []string) (record, error) {
	var r record
	if len(f) < placeFields-2 || len(f) > placeFields {
		return r, fmt.Errorf("want %d fields, have %d", placeFields, len(f))
	}
	var err error
	var lat, lon float64
	if r.GeonameID, err = parseInt(f[2]); err != nil {
		return r, err
	}
	if lat, err = parseDecimal(f[6]); err != nil {
		return r, err
	}
	if lon, err = parseDecimal(f[7]); err != nil {
		return r, err
	}
	if r.Population, err = parseInt(f[8]); err != nil {
		return r, err
	}
	r.Key, r.Kind, r.Country, r.Admin1 = f[1], f[3], f[4], f[5]
	if _, ok := kinds[r.Kind]; !ok {
		return r, fmt.Errorf("unknown kind %q", r.Kind)
	}
	if r.GeonameID < 0 || r.GeonameID > math.MaxUint32 {
		return r, fmt.Errorf("geonameid %d out of range", r.GeonameID)
	}
	r.Point = orb.Point{lon, lat}
	r.FCode, r.Name = f[9], f[10]
	r.nameKey = Key(r.Name)
	r.altKeys, r.demonymKeys = f[11], f[12]
	if len(f) > 13 {
		r.Admin2 = f[13]
	}
	if len(f) > 14 && f[14] != "" {
		r.BBox, err = parseBBox(f[14])
	}
	return r, err
}

// reader receives the records of a gazetteer file.
type reader interface {
	size(places, keys int)
	place(record)
	word(string)
}

// readFile loads a gazetteer file in a three-stage pipeline, so the two
// cores share the work: one goroutine decompresses, one parses lines into
// records, and this one indexes them.
func readFile(r io.Reader, rd reader) error {
	zr, err := decompress(r)
	if err != nil {
		return err
	}
	pr, pw := io.Pipe()
	decompressed := make(chan struct{})
	go func() {
		defer close(decompressed)
		_, err := io.Copy(pw, zr)
		pw.CloseWithError(err)
	}()
	// A bad line stops the parser before the end: closing the pipe stops the
	// decompressor, which must be done before its reader is closed.
	defer func() {
		pr.Close()
		<-decompressed
		zr.Close()
	}()
	// Batches go back to the parser once read: a line holds a whole
	// record, and a new batch for each thousand lines was most of the
	// memory a load touched, in a fresh process most of its time.
	batches, free := make(chan []line, 8), make(chan []line, 10)
	errc := make(chan error, 1)
	go func() { errc <- parseLines(pr, batches, free) }()
	for batch := range batches {
		for _, l := range batch {
			switch {
			case l.word != "":
				rd.word(l.word)
			case l.places > 0:
				rd.size(l.places, l.keys)
			default:
				rd.place(l.rec)
			}
		}
		clear(batch)
		select {
		case free <- batch[:0]:
		default:
		}
	}
	return <-errc
}

// zstdMagic starts every zstd frame (RFC 8878 §3.1.1).
var zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}

// decompress reads a zstd or a gzip stream: files are written with zstd,
// whose decoder takes a third of gzip's time, and gzip'd files written
// before still load.
func decompress(r io.Reader) (io.ReadCloser, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(len(zstdMagic))
	if bytes.Equal(head, zstdMagic) {
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, geo.Errorf(geo.EINVALID, "gazetteer: %v", err)
		}
		return zr.IOReadCloser(), nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "gazetteer: neither a zstd nor a gzip file: %v", err)
	}
	return zr, nil
}

// line is one parsed line of a gazetteer file.
type line struct {
	rec          record
	word         string
	places, keys int
}

// parseLines parses the file into batches of lines, reusing those that
// come back on free, and closes out.
func parseLines(r io.Reader, out chan<- []line, free <-chan []line) error {
	defer close(out)
	sc := newLineReader(r)
	batch := make([]line, 0, 1024)
	var fields [placeFields + 1]string // one array for every line: Split would allocate a slice per line
	for n := 1; sc.Scan(); n++ {
		f := splitTabs(sc.Text(), fields[:])
		var l line
		switch f[0] {
		case "P":
			rec, err := parseRecord(f)
			if err != nil {
				return geo.Errorf(geo.EINVALID, "gazetteer line %d: %v", n, err)
			}
			l.rec = rec
		case "W":
			if len(f) != 2 {
				continue
			}
			l.word = f[1]
		case "N":
			if len(f) != 3 {
				continue
			}
			l.places, _ = strconv.Atoi(f[1])
			l.keys, _ = strconv.Atoi(f[2])
			if l.places <= 0 {
				continue
			}
		default:
			return geo.Errorf(geo.EINVALID, "gazetteer line %d: unknown record %q", n, f[0])
		}
		batch = append(batch, l)
		if len(batch) == cap(batch) {
			out <- batch
			select {
			case batch = <-free:
			default:
				batch = make([]line, 0, 1024)
			}
		}
	}
	if len(batch) > 0 {
		out <- batch
	}
	if err := sc.Err(); err != nil {
		return geo.Errorf(geo.EINVALID, "gazetteer: %v", err)
	}
	return nil
}

// splitTabs splits s at tabs into dst, as strings.Split would, and returns
// the filled part; fields past len(dst) stay joined in the last.
func splitTabs(s string, dst []string) []string {
	n := 0
	for n < len(dst)-1 {
		i := strings.IndexByte(s, '\t')
		if i < 0 {
			break
		}
		dst[n], s = s[:i], s[i+1:]
		n++
	}
	dst[n] = s
	return dst[:n+1]
}
