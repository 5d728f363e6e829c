package sqlite

import (
	"testing"

	"mentionmap/data/storetest"
	"mentionmap/geo"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) geo.ArticleStore {
		s, _ := openTest(t)
		return s
	})
}
