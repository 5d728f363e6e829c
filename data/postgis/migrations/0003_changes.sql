-- Which articles each data version added or changed, so that copies kept
-- in memory by every serve process (package columns) follow the database.
CREATE TABLE changes (
    version  bigint PRIMARY KEY,
    writer   text NOT NULL, -- the process that wrote it, random at its start
    articles bigint[] NOT NULL
);
