package postgis_test

import (
	"testing"

	"mentionmap/data/postgis/pgtest"
	"mentionmap/data/storetest"
	"mentionmap/geo"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) geo.ArticleStore {
		s, _ := pgtest.Open(t)
		return s
	})
}
