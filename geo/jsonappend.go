package geo

import (
	"strconv"
	"unicode/utf8"
)

// JSONAppender is implemented by feature properties that can write
// themselves as JSON without reflection; FeatureWriter uses it when
// present. The output must equal encoding/json's.
type JSONAppender interface {
	AppendJSON(b []byte) []byte
}

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string, escaped as encoding/json
// does (with HTML escaping of <, > and &): invalid UTF-8 becomes U+FFFD.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// JSONObject builds a JSON object field by field.
type JSONObject struct {
	B     []byte
	first bool
}

// Object starts an object on b.
func Object(b []byte) *JSONObject { return &JSONObject{B: append(b, '{'), first: true} }

func (o *JSONObject) key(k string) {
	if !o.first {
		o.B = append(o.B, ',')
	}
	o.first = false
	o.B = append(append(append(o.B, '"'), k...), '"', ':')
}

// Str adds a string field.
func (o *JSONObject) Str(k, v string) *JSONObject {
	o.key(k)
	o.B = AppendJSONString(o.B, v)
	return o
}

// Int adds an integer field.
func (o *JSONObject) Int(k string, v int64) *JSONObject {
	o.key(k)
	o.B = strconv.AppendInt(o.B, v, 10)
	return o
}

// Float adds a number field, formatted as encoding/json formats float64.
func (o *JSONObject) Float(k string, v float64) *JSONObject {
	o.key(k)
	o.B = appendFloat(o.B, v)
	return o
}

// Bool adds a boolean field.
func (o *JSONObject) Bool(k string, v bool) *JSONObject {
	o.key(k)
	o.B = strconv.AppendBool(o.B, v)
	return o
}

// BBox adds an extent as [west,south,east,north]; nothing when b is nil,
// as encoding/json omits an empty pointer field.
func (o *JSONObject) BBox(k string, b *BBox) *JSONObject {
	if b == nil {
		return o
	}
	o.key(k)
	o.B = append(o.B, '[')
	for i, v := range b {
		if i > 0 {
			o.B = append(o.B, ',')
		}
		o.B = appendFloat(o.B, v)
	}
	o.B = append(o.B, ']')
	return o
}

// Raw adds a field whose value is already JSON.
func (o *JSONObject) Raw(k string, v []byte) *JSONObject {
	o.key(k)
	o.B = append(o.B, v...)
	return o
}

// Close ends the object and returns the buffer.
func (o *JSONObject) Close() []byte { return append(o.B, '}') }

// appendFloat formats like encoding/json: the shortest representation,
// with exponents only for very large or small magnitudes.
func appendFloat(b []byte, f float64) []byte {
	abs := f
	if abs < 0 {
		abs = -abs
	}
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// AppendJSON writes the reference as encoding/json would.
func (a *ArticleRef) AppendJSON(b []byte) []byte {
	o := Object(b).Int("id", a.ID).Str("title", a.Title)
	if a.URL != "" {
		o.Str("url", a.URL)
	}
	if a.Source != "" {
		o.Str("source", a.Source)
	}
	return o.Str("time", a.Time).Close()
}
