-- Each place's newest articles as a JSON array of [time, article_id], newest
-- first, at most 3: kept by ingest so place features need no per-place scan.
ALTER TABLE place_stats ADD COLUMN latest TEXT NOT NULL DEFAULT '[]';
UPDATE place_stats SET latest = (
    SELECT json_group_array(json_array(t, id)) FROM (
        SELECT m.time AS t, m.article_id AS id FROM mentions m WHERE m.place_id = place_stats.place_id
        GROUP BY m.article_id ORDER BY t DESC, id DESC LIMIT 3));
