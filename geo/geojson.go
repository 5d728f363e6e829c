package geo

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"

	"github.com/paulmach/orb"
)

// FeatureWriter streams an RFC 7946 FeatureCollection of points, one
// feature at a time, so responses of any size use constant memory. It is
// much faster than building an orb/geojson collection and marshalling it.
type FeatureWriter struct {
	w       *bufio.Writer
	n       int
	err     error
	extra   map[string]any
	scratch []byte
}

// NewFeatureWriter starts a collection on w. extra members, such as an
// "id", are written at the top level of the collection.
func NewFeatureWriter(w io.Writer, extra map[string]any) *FeatureWriter {
	fw := &FeatureWriter{w: bufio.NewWriterSize(w, 32<<10), extra: extra}
	fw.write(`{"type":"FeatureCollection",`)
	for k, v := range extra {
		fw.member(k, v)
		fw.write(",")
	}
	fw.write(`"features":[`)
	return fw
}

func (fw *FeatureWriter) write(s string) {
	if fw.err == nil {
		_, fw.err = fw.w.WriteString(s)
	}
}

func (fw *FeatureWriter) member(k string, v any) {
	b, err := json.Marshal(v)
	if err != nil && fw.err == nil {
		fw.err = err
	}
	fw.write(strconv.Quote(k) + ":" + string(b))
}

// Write adds one point feature. props is marshalled with encoding/json.
func (fw *FeatureWriter) Write(id int64, p orb.Point, props any) error {
	if fw.n > 0 {
		fw.write(",")
	}
	fw.n++
	var b []byte
	if a, ok := props.(JSONAppender); ok {
		fw.scratch = a.AppendJSON(fw.scratch[:0])
		b = fw.scratch
	} else {
		var err error
		if b, err = json.Marshal(props); err != nil {
			return err
		}
	}
	var buf [96]byte
	out := append(buf[:0], `{"type":"Feature","id":`...)
	out = strconv.AppendInt(out, id, 10)
	out = append(out, `,"geometry":{"type":"Point","coordinates":[`...)
	out = strconv.AppendFloat(out, p.Lon(), 'f', -1, 64)
	out = append(out, ',')
	out = strconv.AppendFloat(out, p.Lat(), 'f', -1, 64)
	out = append(out, `]},"properties":`...)
	if fw.err == nil {
		fw.w.Write(out)
		fw.w.Write(b)
		_, fw.err = fw.w.WriteString("}")
	}
	return fw.err
}

// Flush sends buffered features to the underlying writer.
func (fw *FeatureWriter) Flush() error {
	if fw.err == nil {
		fw.err = fw.w.Flush()
	}
	return fw.err
}

// Close ends the collection and flushes it.
func (fw *FeatureWriter) Close() error { return fw.CloseWith(nil) }

// CloseWith ends the features array, adds members known only after the
// features were written (such as OGC numberReturned and links), and
// flushes. Members are written in the order of keys.
func (fw *FeatureWriter) CloseWith(members []Member) error {
	fw.write("]")
	for _, m := range members {
		fw.write(",")
		fw.member(m.Key, m.Value)
	}
	fw.write("}")
	return fw.Flush()
}

// Member is a top-level member of a FeatureCollection.
type Member struct {
	Key   string
	Value any
}

// Count is the number of features written so far.
func (fw *FeatureWriter) Count() int { return fw.n }

// MentionProps are the properties of a mention feature written by
// `mentionmap parse`.
type MentionProps struct {
	Text       string  `json:"text"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Name       string  `json:"name"`
	PlaceKey   string  `json:"place_key"`
	GeonameID  int64   `json:"geonameid,omitempty"`
	Kind       string  `json:"kind"`
	Country    string  `json:"country,omitempty"`
	Admin1     string  `json:"admin1,omitempty"`
	Confidence float64 `json:"confidence"`
	Demonym    bool    `json:"demonym"`
	BBox       *BBox   `json:"bbox,omitempty"`
	Why        *Why    `json:"why,omitempty"`
}

// Props returns the feature properties of a mention.
func (m *Mention) Props() MentionProps {
	return MentionProps{
		Text: m.Text, Start: m.Start, End: m.End, Name: m.Place.Name, PlaceKey: m.Place.Key,
		GeonameID: m.Place.GeonameID, Kind: m.Place.Kind, Country: m.Place.Country,
		Admin1: m.Place.Admin1, Confidence: m.Confidence, Demonym: m.Demonym, BBox: m.Place.BBox, Why: m.Why,
	}
}
