package handlers

import (
	"net/url"
	"testing"

	"mentionmap/geo"
)

// FuzzParseFilter: any query string yields a filter or an invalid error,
// never a panic, and accepted filters are within bounds.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"bbox=1,2,3,4", "bbox=170,-10,-170,10&from=2026-01-01", "limit=99999&offset=-1",
		"min_confidence=NaN", "bbox=NaN,0,1,1", "country=ly&kind=city&demonyms=exclude", "to=2026-13-45"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt, err := parseFilter(q)
		if err != nil {
			if geo.ErrorCode(err) != geo.EINVALID {
				t.Fatalf("%q: %v", raw, err)
			}
			return
		}
		if flt.Limit < 1 || flt.Limit > maxLimit || flt.Offset < 0 {
			t.Fatalf("%q: limit %d offset %d", raw, flt.Limit, flt.Offset)
		}
		if flt.BBox != nil && !geo.ValidBound(*flt.BBox) {
			t.Fatalf("%q: invalid bbox accepted", raw)
		}
		if !(flt.MinConfidence >= 0 && flt.MinConfidence <= 1) {
			t.Fatalf("%q: min_confidence %v", raw, flt.MinConfidence)
		}
	})
}

// FuzzParseItemsFilter: any OGC items query (datetime, bbox, limit, and
// the rest) yields a filter within bounds, or an invalid error.
func FuzzParseItemsFilter(f *testing.F) {
	for _, s := range []string{"datetime=2026-03-01", "datetime=2026-03-01T10:00:00Z/..", "datetime=../2026-03-02",
		"datetime=2026-03-05/2026-03-01", "datetime=/", "bbox=170,-10,-170,10&limit=20000", "limit=0", "from=2026-01-01",
		"datetime=2026-03-01T10:00:00+02:00", "bbox=-180,-90,180,90&datetime=..%2F.."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt, err := parseItemsFilter(q)
		if err != nil {
			if geo.ErrorCode(err) != geo.EINVALID {
				t.Fatalf("%q: %v", raw, err)
			}
			return
		}
		if flt.Limit < 1 || flt.Limit > ogcMaxLimit || flt.Offset < 0 {
			t.Fatalf("%q: limit %d offset %d", raw, flt.Limit, flt.Offset)
		}
		if flt.BBox != nil && !geo.ValidBound(*flt.BBox) {
			t.Fatalf("%q: invalid bbox accepted", raw)
		}
		if flt.From != nil && flt.To != nil && !flt.From.Before(*flt.To) {
			t.Fatalf("%q: datetime from %v is not before to %v", raw, flt.From, flt.To)
		}
	})
}

// FuzzDecodeArticles: any body either decodes to valid articles or is
// rejected with a client error.
func FuzzDecodeArticles(f *testing.F) {
	for _, s := range []string{`{"text":"Paris"}`, `{"text":1}`, "{\"text\":\"a\"}\n{\"text\":\"b\"}", "\xff", `{"text":"x","published":"2026-01-01T00:00:00Z"}`} {
		f.Add("application/json", s)
		f.Add("application/x-ndjson", s)
		f.Add("text/plain", s)
	}
	f.Fuzz(func(t *testing.T, ctype, body string) {
		arts, _, err := decodeArticles(ctype, []byte(body), 100)
		if err != nil {
			if c := geo.ErrorCode(err); c == geo.EINTERNAL {
				t.Fatalf("internal error for client input: %v", err)
			}
			return
		}
		for _, a := range arts {
			if a.Validate() != nil {
				t.Fatalf("accepted an invalid article %+v", a)
			}
		}
	})
}
