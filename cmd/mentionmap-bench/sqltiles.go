package main

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// sqlTile is the alternative to tiles built in Go that the scale-out work
// measures: the database clusters the places of a tile on a grid of
// 60-pixel cells (as pg_tileserv functions do) and encodes the tile with
// ST_AsMVT. It is measured here only; the service builds tiles in Go.
const sqlTile = `
WITH env AS (
	SELECT ST_TileEnvelope($1, $2, $3) AS e,
	       ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.1), 4326) AS q
), counts AS (
	SELECT p.id, ST_Transform(p.geom, 3857) AS g, count(*) AS n
	FROM places p JOIN place_articles pa ON pa.place_id = p.id
		JOIN mentions m ON m.article_id = pa.article_id AND m.place_id = pa.place_id, env
	WHERE p.geom && env.q AND pa.time >= $4 AND pa.time < $5
	GROUP BY p.id
), cells AS (
	SELECT count(*) AS point_count, sum(n) AS mentions, ST_Centroid(ST_Collect(g)) AS g
	FROM counts GROUP BY ST_SnapToGrid(g, $6)
)
SELECT ST_AsMVT(t, 'places') FROM (
	SELECT ST_AsMVTGeom(cells.g, env.e) AS geom, point_count, mentions FROM cells, env
) t`

// benchSQLTiles measures sqlTile on the served PostGIS database for the
// tiles that benchTiles asks of the service.
func benchSQLTiles(ctx context.Context, t *table, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	type req struct {
		tile     maptile.Tile
		from, to time.Time
	}
	always := [2]time.Time{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}
	cold := maptile.New(4, 2, 3)
	var months, ranges, path []req
	for i := 1; i <= 5; i++ {
		months = append(months, req{cold, time.Date(2025, time.Month(i), 1, 0, 0, 0, 0, time.UTC), time.Date(2025, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC)})
		ranges = append(ranges, req{cold, time.Date(2024, 12, i, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	for _, p := range []orb.Point{{2.35, 48.85}, {77.2, 28.6}, {-74, 40.7}, {139.7, 35.7}} {
		for z := 0; z <= 14; z++ {
			path = append(path, req{maptile.At(p, maptile.Zoom(z)), always[0], always[1]})
		}
	}
	run := func(rs []req, rounds int) (latency, error) {
		var ds []time.Duration
		for range rounds {
			for _, r := range rs {
				cell := 2 * math.Pi * 6378137 / float64(int(256)<<r.tile.Z) * 60
				start := time.Now()
				var mvt []byte
				if err := conn.QueryRow(ctx, sqlTile, int(r.tile.Z), int(r.tile.X), int(r.tile.Y), r.from, r.to, cell).Scan(&mvt); err != nil {
					return latency{}, err
				}
				ds = append(ds, time.Since(start))
			}
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return latency{p50: ds[len(ds)/2], p99: ds[len(ds)*99/100]}, nil
	}
	for _, c := range []struct {
		name   string
		rs     []req
		rounds int
	}{{"a new filter, a month", months, 1}, {"a new filter, the whole range", ranges, 1}, {"warm, z0-z14", path, 10}} {
		l, err := run(c.rs, c.rounds)
		if err != nil {
			return fmt.Errorf("ST_AsMVT tiles: %w", err)
		}
		t.row("tile by ST_AsMVT with grid clustering in SQL, "+c.name, fmt.Sprintf("p50 %s, p99 %s", ms(l.p50), ms(l.p99)), "measured in the database, without HTTP")
	}
	return nil
}
