-- A mention's sentence is a span of its article's text: store where it is
-- (bytes [sentence_start, sentence_end) of articles.text, in UTF-8), not
-- a copy, as the SQLite store does. The copies were a fifth of the bytes
-- that a batch's COPY sent and wrote. sentence keeps the text only when it
-- is not in the article's (a client may send any); rows stored before
-- keep theirs.
ALTER TABLE mentions ALTER COLUMN sentence DROP NOT NULL,
    ADD COLUMN sentence_start integer NOT NULL DEFAULT 0,
    ADD COLUMN sentence_end integer NOT NULL DEFAULT 0;
ALTER TABLE removed_mentions ALTER COLUMN sentence DROP NOT NULL,
    ADD COLUMN sentence_start integer NOT NULL DEFAULT 0,
    ADD COLUMN sentence_end integer NOT NULL DEFAULT 0;

-- A mention's sentence, from either.
CREATE FUNCTION mention_sentence(copied text, article text, s integer, e integer) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN COALESCE(copied, convert_from(substring(convert_to(article, 'UTF8') FROM s + 1 FOR e - s), 'UTF8'));

CREATE OR REPLACE VIEW mention_points AS
SELECT m.id, m.text, mention_sentence(m.sentence, a.text, m.sentence_start, m.sentence_end) AS sentence,
       m.confidence, m.demonym, m.time,
       p.id AS place_id, p.name, p.kind, p.country, a.id AS article_id, a.title, a.url, a.source, p.geom,
       m.focus, m.reprint
FROM mentions m JOIN places p ON p.id = m.place_id JOIN articles a ON a.id = m.article_id;
