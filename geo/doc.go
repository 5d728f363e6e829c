// Package geo is mentionmap's domain: articles, places, the mentions that tie
// them together, the filter that selects them and its parsed text query,
// the store and geoparser interfaces, the JSON form of incoming articles,
// the error vocabulary shared by every layer, and small spatial helpers
// built on orb.
//
// It imports nothing else from mentionmap, so every other package can depend
// on it.
package geo
