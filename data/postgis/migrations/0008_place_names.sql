-- Places are shown under the name readers know (geo/names.go): the form
-- their mentions write most. place_forms counts the forms; places.name is
-- the winner, and geonames_name keeps the gazetteer's name.
ALTER TABLE places ADD COLUMN geonames_name text NOT NULL DEFAULT '';
UPDATE places SET geonames_name = name;

CREATE TABLE place_forms (
    place_id bigint NOT NULL,
    form     text NOT NULL,
    n        integer NOT NULL,
    PRIMARY KEY (place_id, form)
);

-- geo.KnownForm, in SQL.
INSERT INTO place_forms (place_id, form, n)
SELECT place_id, text, count(*) FROM mentions
WHERE NOT demonym AND char_length(text) >= 4 AND text <> upper(text) AND text <> lower(text)
GROUP BY place_id, text;

UPDATE places p SET name = f.form
FROM (SELECT DISTINCT ON (f.place_id) f.place_id, f.form FROM place_forms f JOIN places q ON q.id = f.place_id
      ORDER BY f.place_id, f.n DESC, f.form = q.geonames_name DESC, f.form COLLATE "C") f
WHERE f.place_id = p.id AND p.name <> f.form;
