-- An article keeps at most geo.MaxMentions mentions; the rest are counted.
ALTER TABLE articles ADD COLUMN mentions_omitted INTEGER NOT NULL DEFAULT 0;
