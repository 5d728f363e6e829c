package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"

	"mentionmap/geo"
)

// addForms counts the known forms of a batch's new mentions
// (geo.KnownForm) and names each place they mention after its most used
// form, in the batch's transaction. Rows go in place order, as everywhere
// in a batch, so that two writers lock them in one order.
func addForms(ctx context.Context, tx pgx.Tx, arts []*geo.Article, created []bool) error {
	forms := geo.CountForms(arts, created)
	if len(forms) == 0 {
		return nil
	}
	ids, texts, ns := make([]int64, len(forms)), make([]string, len(forms)), make([]int32, len(forms))
	var places []int64
	for i, f := range forms {
		ids[i], texts[i], ns[i] = f.PlaceID, f.Form, int32(f.N)
		if len(places) == 0 || places[len(places)-1] != f.PlaceID {
			places = append(places, f.PlaceID)
		}
	}
	_, err := tx.Exec(ctx, `INSERT INTO place_forms AS f (place_id, form, n)
		SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[])
		ON CONFLICT (place_id, form) DO UPDATE SET n = f.n + EXCLUDED.n`, ids, texts, ns)
	if err != nil {
		return err
	}
	return renamePlaces(ctx, tx, places)
}

// renamePlaces names each place after its most used form. Ties go to the
// gazetteer's name, then to byte order, as in SQLite.
func renamePlaces(ctx context.Context, tx pgx.Tx, ids []int64) error {
	_, err := tx.Exec(ctx, `UPDATE places p SET name = f.form
		FROM (SELECT DISTINCT ON (f.place_id) f.place_id, f.form FROM place_forms f JOIN places q ON q.id = f.place_id
			WHERE f.place_id = ANY($1)
			ORDER BY f.place_id, f.n DESC, f.form = q.geonames_name DESC, f.form COLLATE "C") f
		WHERE f.place_id = p.id AND p.name <> f.form`, ids)
	return err
}
