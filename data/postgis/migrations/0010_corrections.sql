-- Analysts' corrections of mentions (geo.Correction), the audit log that
-- GET /corrections reads; and the mentions marked "not a place", kept whole
-- so that an undo restores them. A migration that adds a column to
-- mentions adds it to removed_mentions too.
CREATE TABLE corrections (
    id         bigserial PRIMARY KEY,
    mention_id bigint NOT NULL,
    article_id bigint NOT NULL,
    text       text NOT NULL,
    action     text NOT NULL,
    before     json NOT NULL, -- geo.FactJSON: the place and confidence, or null
    after      json NOT NULL,
    who        text NOT NULL DEFAULT '',
    note       text NOT NULL DEFAULT '',
    at         timestamptz NOT NULL,
    undoes     bigint NOT NULL DEFAULT 0,
    undone_by  bigint NOT NULL DEFAULT 0
);
CREATE INDEX corrections_mention ON corrections (mention_id, id);
CREATE TABLE removed_mentions (LIKE mentions INCLUDING DEFAULTS);
-- A change that revised the mentions of stored articles (a correction, or
-- a reparse), rather than adding articles.
ALTER TABLE changes ADD COLUMN revised boolean NOT NULL DEFAULT false;
