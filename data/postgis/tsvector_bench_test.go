package postgis

import (
	"strings"
	"testing"
)

// BenchmarkSearchVector builds the vector of an article of about 2 KB, as
// the search indexer does, with its buffers reused.
func BenchmarkSearchVector(b *testing.B) {
	const para = "Forces loyal to the Government of National Accord said on Tuesday they had retaken parts of Sirte, " +
		"the coastal city 450 km east of Tripoli, after clashes with Islamic State fighters. Residents of Mişrātah " +
		"reported convoys on the coastal road; officials in Benghazi did not comment. "
	text := strings.Repeat(para, 8)
	var v vectorBuilder
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		v.build("Libyan forces retake parts of Sirte", text)
	}
}
