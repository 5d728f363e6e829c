-- Which articles each data version added or changed, so that copies kept
-- in memory (package columns) follow the database.
CREATE TABLE changes (
    version  INTEGER PRIMARY KEY,
    writer   TEXT NOT NULL, -- the process that wrote it, random at its start
    articles TEXT NOT NULL  -- a JSON array of article ids
);
