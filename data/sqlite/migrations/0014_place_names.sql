-- Places are shown under the name readers know (geo/names.go): the form
-- their mentions write most. place_forms counts the forms; places.name is
-- the winner, and geonames_name keeps the gazetteer's name.
ALTER TABLE places ADD COLUMN geonames_name TEXT NOT NULL DEFAULT '';
UPDATE places SET geonames_name = name;

CREATE TABLE place_forms (
    place_id INTEGER NOT NULL,
    form     TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (place_id, form)
) WITHOUT ROWID;

-- geo.KnownForm, in SQL: upper and lower fold ASCII letters only here.
INSERT INTO place_forms (place_id, form, n)
SELECT place_id, text, count(*) FROM mentions
WHERE NOT demonym AND length(text) >= 4 AND text <> upper(text) AND text <> lower(text)
GROUP BY place_id, text;

UPDATE places SET name = COALESCE((SELECT form FROM place_forms f WHERE f.place_id = places.id
    ORDER BY n DESC, form = places.geonames_name DESC, form LIMIT 1), name);
