-- Each place's three newest articles, newest first, as (time, article id)
-- pairs kept by ingest, so place features need no per-place scan. Empty
-- slots hold '' and 0.
ALTER TABLE place_stats ADD COLUMN t1 TEXT NOT NULL DEFAULT '';
ALTER TABLE place_stats ADD COLUMN a1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE place_stats ADD COLUMN t2 TEXT NOT NULL DEFAULT '';
ALTER TABLE place_stats ADD COLUMN a2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE place_stats ADD COLUMN t3 TEXT NOT NULL DEFAULT '';
ALTER TABLE place_stats ADD COLUMN a3 INTEGER NOT NULL DEFAULT 0;
WITH ranked AS (
    SELECT place_id, time, article_id,
        row_number() OVER (PARTITION BY place_id ORDER BY time DESC, article_id DESC) AS rn
    FROM (SELECT place_id, article_id, max(time) AS time FROM mentions GROUP BY place_id, article_id))
UPDATE place_stats SET
    t1 = COALESCE((SELECT time FROM ranked r WHERE r.place_id = place_stats.place_id AND rn = 1), ''),
    a1 = COALESCE((SELECT article_id FROM ranked r WHERE r.place_id = place_stats.place_id AND rn = 1), 0),
    t2 = COALESCE((SELECT time FROM ranked r WHERE r.place_id = place_stats.place_id AND rn = 2), ''),
    a2 = COALESCE((SELECT article_id FROM ranked r WHERE r.place_id = place_stats.place_id AND rn = 2), 0),
    t3 = COALESCE((SELECT time FROM ranked r WHERE r.place_id = place_stats.place_id AND rn = 3), ''),
    a3 = COALESCE((SELECT article_id FROM ranked r WHERE r.place_id = place_stats.place_id AND rn = 3), 0);
