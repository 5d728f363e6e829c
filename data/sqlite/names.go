package sqlite

import (
	"context"

	"mentionmap/geo"
)

// flushForms counts the known forms of a batch's new mentions
// (geo.KnownForm) and names each place they mention after its most used
// form, in the batch's transaction.
func flushForms(ctx context.Context, tx txConn, arts []*geo.Article, created []bool) error {
	forms := geo.CountForms(arts, created)
	if len(forms) == 0 {
		return nil
	}
	add := newMultiRow(tx, `INSERT INTO place_forms (place_id, form, n) VALUES`,
		`ON CONFLICT (place_id, form) DO UPDATE SET n = n + excluded.n`, 3, 100)
	defer add.close()
	var ids []int64
	err := add.exec(ctx, len(forms), func(i int, args []any) ([]any, error) {
		f := forms[i]
		if len(ids) == 0 || ids[len(ids)-1] != f.PlaceID {
			ids = append(ids, f.PlaceID)
		}
		return append(args, f.PlaceID, f.Form, f.N), nil
	})
	if err != nil {
		return err
	}
	return renamePlaces(ctx, tx.Tx, ids)
}

// knownName is the name of the place in the row being updated: its most
// used form, ties to the gazetteer's name and then byte order.
const knownName = `COALESCE((SELECT form FROM place_forms f WHERE f.place_id = places.id
	ORDER BY n DESC, form = places.geonames_name DESC, form LIMIT 1), name)`
