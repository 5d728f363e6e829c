-- Analysts' corrections of mentions (geo.Correction), the audit log that
-- GET /corrections reads; and the mentions marked "not a place", kept whole
-- so that an undo restores them. A migration that adds a column to
-- mentions adds it to removed_mentions too.
CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    mention_id INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    text       TEXT NOT NULL,
    action     TEXT NOT NULL,
    before     TEXT NOT NULL, -- geo.FactJSON: the place and confidence, or null
    after      TEXT NOT NULL,
    who        TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL, -- RFC 3339, UTC
    undoes     INTEGER NOT NULL DEFAULT 0,
    undone_by  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corrections_mention ON corrections (mention_id, id);
CREATE TABLE removed_mentions AS SELECT * FROM mentions WHERE 0;
-- A change that revised the mentions of stored articles (a correction, or
-- a reparse), rather than adding articles.
ALTER TABLE changes ADD COLUMN revised INTEGER NOT NULL DEFAULT 0;
