package handlers

import (
	"encoding/json"
	"net/http"

	"github.com/paulmach/orb"
)

// featureBuffer keeps the one feature a single-item request reads.
type featureBuffer struct {
	id    int64
	pt    orb.Point
	props csvProps
}

func (b *featureBuffer) feature(id int64, p orb.Point, props csvProps) error {
	b.id, b.pt, b.props = id, p, props
	return nil
}

// writeJSONTyped writes v as JSON with the content type already set.
func writeJSONTyped(w http.ResponseWriter, v any) {
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
