-- Areas analysts follow (geo.Watch): a box, and the query string of the
-- features filters they add. Their feeds are computed from the mentions.
CREATE TABLE watches (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    west    REAL NOT NULL,
    south   REAL NOT NULL,
    east    REAL NOT NULL,
    north   REAL NOT NULL,
    filter  TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL -- RFC 3339, UTC
);
