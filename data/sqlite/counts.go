package sqlite

import (
	"context"
	"database/sql"
	"strconv"

	"mentionmap/geo"
)

// CountPlaces counts the places with mentions matching f.
func (s *Store) CountPlaces(ctx context.Context, f geo.Filter) (int, error) {
	if f = simplify(f); placeOnly(f) {
		cond, args := placeWhere(f)
		var n int
		err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM place_stats ps JOIN places p ON p.id = ps.place_id WHERE `+cond, args...).Scan(&n)
		if err != nil {
			return 0, failed("count", err)
		}
		return n, nil
	}
	// "+" keeps SQLite from reading the places in index order, which
	// would visit the table in place order to test the filter.
	return s.count(ctx, f, "count(DISTINCT +m.place_id)")
}

// CountMentions counts the mentions matching f.
func (s *Store) CountMentions(ctx context.Context, f geo.Filter) (int, error) {
	return s.count(ctx, f, "count(*)")
}

// count evaluates expr over the mentions matching f, without joining
// their articles and places.
// The count of a filter is remembered until the data changes.
func (s *Store) count(ctx context.Context, f geo.Filter, expr string) (int, error) {
	f = simplify(f)
	version, err := s.Version(ctx)
	if err != nil {
		return 0, err
	}
	key := countKey(expr, f)
	if n, ok := s.counts.get(version, key); ok {
		return n, nil
	}
	cond, args, err := s.whereMentions(ctx, f)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.r.QueryRowContext(ctx, `SELECT `+expr+` FROM mentions m WHERE `+cond, args...).Scan(&n)
	if err != nil {
		return 0, failed("count", err)
	}
	s.counts.put(version, key, n)
	return n, nil
}

// Extent returns the bounding box of the mentioned places and the time
// span of the mentions.
func (s *Store) Extent(ctx context.Context) (geo.Extent, error) {
	var e geo.Extent
	var minx, miny, maxx, maxy sql.NullFloat64
	var start, end sql.NullString
	err := s.r.QueryRowContext(ctx, `SELECT min(lon), min(lat), max(lon), max(lat) FROM places`).Scan(&minx, &miny, &maxx, &maxy)
	if err == nil {
		err = s.r.QueryRowContext(ctx, `SELECT min(first), max(last) FROM place_stats`).Scan(&start, &end)
	}
	if err != nil {
		return e, failed("extent", err)
	}
	if minx.Valid {
		e.BBox.Min[0], e.BBox.Min[1], e.BBox.Max[0], e.BBox.Max[1] = minx.Float64, miny.Float64, maxx.Float64, maxy.Float64
	} else {
		e.BBox.Min[0], e.BBox.Min[1], e.BBox.Max[0], e.BBox.Max[1] = -180, -90, 180, 90
	}
	e.Start, e.End = start.String, end.String
	return e, nil
}

// PlacePoints calls fn for each place with mentions matching f, with its
// mention count; f's paging is ignored. A place-only filter reads the
// per-place totals. Any other reads the place of each matching mention,
// through whichever index the filter allows, and counts them here: a
// GROUP BY would sort them, or visit the table in place order.
func (s *Store) PlacePoints(ctx context.Context, f geo.Filter, fn func(*geo.ClusterPoint) error) error {
	if f = simplify(f); placeOnly(f) {
		cond, args := placeWhere(f)
		return s.placePoints(ctx, `SELECT p.id, p.name, p.kind, p.country, p.lon, p.lat, ps.mentions
			FROM place_stats ps JOIN places p ON p.id = ps.place_id WHERE `+cond, args, nil, fn)
	}
	cond, args, err := s.whereMentions(ctx, f)
	if err != nil {
		return err
	}
	counts := map[int64]int{}
	err = s.stream(ctx, "places", `SELECT m.place_id FROM mentions m WHERE `+cond, args, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return failed("places", err)
		}
		counts[id]++
		return nil
	})
	if err != nil || len(counts) == 0 {
		return err
	}
	ids := make([]int64, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	return s.placePoints(ctx, `SELECT p.id, p.name, p.kind, p.country, p.lon, p.lat, 0
		FROM places p WHERE p.id `+inIDs, []any{idList(ids)}, counts, fn)
}

// placePoints streams the cluster points of query q; counts, when given,
// replaces the mention counts it reads.
func (s *Store) placePoints(ctx context.Context, q string, args []any, counts map[int64]int, fn func(*geo.ClusterPoint) error) error {
	return s.stream(ctx, "places", q, args, func(rows *sql.Rows) error {
		var p geo.ClusterPoint
		if err := rows.Scan(&p.ID, &p.Name, &p.Kind, &p.Country, &p.Point[0], &p.Point[1], &p.Mentions); err != nil {
			return failed("places", err)
		}
		if counts != nil {
			p.Mentions = counts[p.ID]
		}
		return fn(&p)
	})
}

// inIDs tests a column against the ids that idList binds as one
// parameter, however many they are.
const inIDs = `IN (SELECT value FROM json_each(?))`

// idList is ids as the JSON array that inIDs reads.
func idList(ids []int64) string {
	b := make([]byte, 0, 8*len(ids))
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}
