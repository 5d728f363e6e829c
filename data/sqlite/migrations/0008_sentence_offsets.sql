-- A mention's sentence is a span of its article's text: store where it is
-- (bytes [sentence_start, sentence_end) of articles.text), not a copy.
-- Copies were most of a mention row, so they were most of what ingest
-- wrote and most of the file. sentence keeps the text only when it is not
-- in the article's text.
CREATE TABLE mentions_new (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL, -- articles (id)
    place_id       INTEGER NOT NULL, -- places (id)
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    sentence       TEXT,             -- NULL: the span below of the article's text
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    confidence     REAL NOT NULL,
    demonym        INTEGER NOT NULL DEFAULT 0,
    time           INTEGER NOT NULL  -- the article's time, Unix seconds, for filtering without a join
);
INSERT INTO mentions_new (id, article_id, place_id, start, end, text, sentence, sentence_start, sentence_end, confidence, demonym, time)
SELECT id, article_id, place_id, start, end, text,
    CASE WHEN at > 0 THEN NULL ELSE sentence END,
    max(at - 1, 0),
    CASE WHEN at > 0 THEN at - 1 + length(CAST(sentence AS BLOB)) ELSE 0 END,
    confidence, demonym, time
FROM (SELECT m.*, COALESCE(instr(CAST(a.text AS BLOB), CAST(m.sentence AS BLOB)), 0) AS at
      FROM mentions m LEFT JOIN articles a ON a.id = m.article_id);
DROP TABLE mentions;
ALTER TABLE mentions_new RENAME TO mentions;
CREATE INDEX mentions_place ON mentions (place_id, time);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_time ON mentions (time, id, place_id);
