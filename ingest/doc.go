// Package ingest reads articles from files, directories, feeds, pages and
// standard input, and stores them through a two-stage pipeline: one batch
// is geoparsed on every core while the batch before it is stored. It also
// relearns, at start, what the geoparser learnt per source from the
// articles already stored. Every path into a store goes through
// geo.PrepareBatch and geo.ArticleStore.IngestBatch.
package ingest
