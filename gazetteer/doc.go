// Package gazetteer owns mentionmap's place index and its geoparser.
//
// The index is built from GeoNames (populated places, first- and
// second-level divisions), world-countries (names, abbreviations and
// demonyms) and a hand-written table of regions and seas. The generator in
// build.go writes it to a compact zstd-compressed TSV file, embedded in the binary;
// Load reads that file back into memory.
//
// A Gazetteer is immutable once loaded. The geoparser is a Parser over it
// (parser.go, spot.go, resolve.go): it turns text into mentions (byte
// offsets, the resolved place and a confidence), and owns what it learns
// of each source's locality (locality.go). Scoring it against corpora is
// package eval's.
package gazetteer

//go:generate sh -c "cd .. && npm ci --prefix gazetteer/sources --no-audit --no-fund && go run ./cmd/mentionmap gazetteer build --npm gazetteer/sources/node_modules --words /usr/share/dict/words -o gazetteer/places.tsv.zst"
