-- How the geoparser chose each mention's place (geo.Why as JSON): its best
-- meanings with their shares, and the evidence. NULL for mentions stored
-- before it was kept.
ALTER TABLE mentions ADD COLUMN why TEXT;
