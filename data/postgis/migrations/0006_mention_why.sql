-- How the geoparser chose each mention's place (geo.Why): its best
-- meanings with their shares, and the evidence. NULL for mentions stored
-- before it was kept. json, not jsonb: it is written with every mention and
-- read whole.
ALTER TABLE mentions ADD COLUMN why json;
