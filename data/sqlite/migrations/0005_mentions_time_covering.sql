-- Newest-first scans in a bounding box read mentions by time and keep those
-- whose place is in the box. With place_id in the time index, SQLite tests
-- the place from the index and reads only the matching rows, instead of
-- one table row per mention scanned. id keeps the index in the exact
-- order of ORDER BY time DESC, id DESC.
DROP INDEX mentions_time;
CREATE INDEX mentions_time ON mentions (time, id, place_id);
