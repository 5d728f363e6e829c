package data

import (
	"context"
	"database/sql"

	"mentionmap/geo"
)

// CountPlaces counts the places with mentions matching f.
func (s *Store) CountPlaces(ctx context.Context, f geo.Filter) (int, error) {
	if f = simplify(f); placeOnly(f) {
		cond, args := placeWhere(f)
		var n int
		err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM place_stats ps JOIN places p ON p.id = ps.place_id WHERE `+cond, args...).Scan(&n)
		if err != nil {
			return 0, geo.Errorf(geo.EINTERNAL, "count: %v", err)
		}
		return n, nil
	}
	return s.count(ctx, f, "count(DISTINCT m.place_id)")
}

// CountMentions counts the mentions matching f.
func (s *Store) CountMentions(ctx context.Context, f geo.Filter) (int, error) {
	return s.count(ctx, f, "count(*)")
}

func (s *Store) count(ctx context.Context, f geo.Filter, expr string) (int, error) {
	cond, args, err := where(simplify(f))
	if err != nil {
		return 0, err
	}
	var n int
	err = s.r.QueryRowContext(ctx, `SELECT `+expr+` FROM mentions m
		JOIN articles a ON a.id = m.article_id JOIN places p ON p.id = m.place_id WHERE `+cond, args...).Scan(&n)
	if err != nil {
		return 0, geo.Errorf(geo.EINTERNAL, "count: %v", err)
	}
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
		err = s.r.QueryRowContext(ctx, `SELECT `+textTime("min(time)")+`, `+textTime("max(time)")+` FROM mentions`).Scan(&start, &end)
	}
	if err != nil {
		return e, geo.Errorf(geo.EINTERNAL, "extent: %v", err)
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
// mention count; f's paging is ignored.
func (s *Store) PlacePoints(ctx context.Context, f geo.Filter, fn func(*geo.ClusterPoint) error) error {
	q, args, err := placePointsQuery(simplify(f))
	if err != nil {
		return err
	}
	return s.stream(ctx, "places", q, args, func(rows *sql.Rows) error {
		var p geo.ClusterPoint
		if err := rows.Scan(&p.ID, &p.Name, &p.Kind, &p.Country, &p.Point[0], &p.Point[1], &p.Mentions); err != nil {
			return failed("places", err)
		}
		return fn(&p)
	})
}

// placePointsQuery reads per-place totals when f selects by place only,
// and aggregates the matching mentions otherwise.
func placePointsQuery(f geo.Filter) (string, []any, error) {
	if placeOnly(f) {
		cond, args := placeWhere(f)
		return `SELECT p.id, p.name, p.kind, p.country, p.lon, p.lat, ps.mentions
			FROM place_stats ps JOIN places p ON p.id = ps.place_id WHERE ` + cond, args, nil
	}
	cond, args, err := where(f)
	if err != nil {
		return "", nil, err
	}
	return `SELECT p.id, p.name, p.kind, p.country, p.lon, p.lat, count(*)
		FROM mentions m JOIN articles a ON a.id = m.article_id JOIN places p ON p.id = m.place_id
		WHERE ` + cond + ` GROUP BY p.id`, args, nil
}
