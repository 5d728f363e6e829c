package handlers

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"mentionmap/geo"
)

// output writes streamed features as GeoJSON or CSV.
type output struct {
	*stream
	fw     *geo.FeatureWriter
	cw     *csv.Writer
	header []string
	n      int
}

// newOutput prepares a GeoJSON or CSV body; name is the download's file
// name without extension.
func (s *Server) newOutput(w http.ResponseWriter, r *http.Request, asCSV bool, name string, byMention bool) *output {
	o := &output{}
	if asCSV {
		o.stream = s.newStream(w, r, "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		o.cw = csv.NewWriter(o.stream)
		o.header = append([]string{"id", "lon", "lat"}, placeCSV...)
		if byMention {
			o.header = append([]string{"id", "lon", "lat"}, mentionCSV...)
		}
		return o
	}
	o.stream = s.newStream(w, r, "application/geo+json")
	disp := "inline"
	if r.URL.Query().Get("download") != "" {
		disp = "attachment"
	}
	w.Header().Set("Content-Disposition", disp+`; filename="`+name+`.geojson"`)
	o.fw = geo.NewFeatureWriter(o.stream, nil)
	return o
}

func (o *output) feature(id int64, p orb.Point, props csvProps) error {
	o.n++
	if o.fw != nil {
		return o.fw.Write(id, p, props)
	}
	if o.n == 1 {
		o.cw.Write(o.header)
	}
	row := []string{i64(id), strconv.FormatFloat(p.Lon(), 'f', -1, 64), strconv.FormatFloat(p.Lat(), 'f', -1, 64)}
	for _, cell := range props.csv() {
		row = append(row, inertCell(cell))
	}
	return o.cw.Write(row)
}

// inertCell keeps a spreadsheet from running a cell as a formula: a cell
// that starts with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe. Longitude and latitude, written by us, are left as numbers;
// no other numeric column is ever negative.
func inertCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// close ends the body; members are added to a GeoJSON collection.
func (o *output) close(members []geo.Member) {
	if o.fw != nil {
		o.fw.CloseWith(members)
	} else {
		if o.n == 0 {
			o.cw.Write(o.header)
		}
		o.cw.Flush()
	}
	o.stream.Close()
}
