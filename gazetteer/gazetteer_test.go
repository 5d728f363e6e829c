package gazetteer

import (
	"bytes"
	"runtime"
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		g, err := Load(bytes.NewReader(embedded))
		if err != nil {
			b.Fatal(err)
		}
		runtime.KeepAlive(g)
	}
}
