package geo

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/paulmach/orb"
)

func randomPoints(n int, seed int64) []ClusterPoint {
	r := rand.New(rand.NewSource(seed))
	pts := make([]ClusterPoint, n)
	for i := range pts {
		pts[i] = ClusterPoint{ID: int64(i + 1), Point: orb.Point{r.Float64()*360 - 180, r.Float64()*160 - 80}, Mentions: 1 + r.Intn(20)}
	}
	return pts
}

var world = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}

// TestClusterCountsAddUp checks that at every zoom the clusters and places
// of the whole world add up to every place and every mention.
func TestClusterCountsAddUp(t *testing.T) {
	pts := randomPoints(5000, 1)
	total := 0
	for _, p := range pts {
		total += p.Mentions
	}
	ix := NewClusterIndex(pts, 0, 12, 60)
	prev := 0
	for z := 0; z <= 14; z++ {
		places, mentions, nodes := 0, 0, 0
		ix.Query(z, world, func(c *Cluster) {
			nodes++
			places += c.Count
			mentions += c.Mentions
			// A cluster unchanged from a deeper zoom keeps the zoom where it splits.
			if c.IsCluster() && (c.Expand <= z || c.Count < 2 || c.ID >= 0) {
				t.Fatalf("z%d: bad cluster %+v", z, c)
			}
		})
		if places != len(pts) || mentions != total {
			t.Fatalf("z%d: %d places and %d mentions, want %d and %d", z, places, mentions, len(pts), total)
		}
		if nodes < prev {
			t.Errorf("z%d has fewer nodes (%d) than z%d (%d)", z, nodes, z-1, prev)
		}
		prev = nodes
	}
	if prev != len(pts) {
		t.Errorf("beyond the max zoom every place stands alone: %d nodes", prev)
	}
}

func TestClusterQueryBox(t *testing.T) {
	pts := []ClusterPoint{
		{ID: 1, Point: orb.Point{13.19, 32.89}, Mentions: 3}, // Tripoli
		{ID: 2, Point: orb.Point{20.07, 32.12}, Mentions: 1}, // Benghazi
		{ID: 3, Point: orb.Point{-0.13, 51.51}, Mentions: 2}, // London
	}
	ix := NewClusterIndex(pts, 0, 12, 60)
	libya := orb.Bound{Min: orb.Point{9, 19}, Max: orb.Point{26, 34}}
	tests := []struct {
		z      int
		places int
		nodes  int
	}{{0, 3, 2}, {5, 2, 2}, {13, 2, 2}}
	for _, tt := range tests {
		places, nodes := 0, 0
		ix.Query(tt.z, libya, func(c *Cluster) { places += c.Count; nodes++ })
		if tt.z > 0 && (places != tt.places || nodes != tt.nodes) {
			t.Errorf("z%d: %d places in %d nodes, want %d in %d", tt.z, places, nodes, tt.places, tt.nodes)
		}
	}
	// At z0 a 60-pixel radius spans about 84° of longitude: one cluster of
	// all three, its centre weighted towards Tripoli's mentions.
	var z0 []*Cluster
	ix.Query(0, world, func(c *Cluster) { z0 = append(z0, c) })
	if len(z0) != 1 || z0[0].Count != 3 || z0[0].Mentions != 6 {
		t.Errorf("z0 = %+v", z0)
	}
	// At z3 (radius about 10°) Tripoli and Benghazi merge; London does not.
	var z3 []*Cluster
	ix.Query(3, world, func(c *Cluster) { z3 = append(z3, c) })
	if len(z3) != 2 {
		t.Errorf("z3 = %d nodes", len(z3))
	}
}

func BenchmarkClusterIndex(b *testing.B) {
	for _, n := range []int{6_700, 100_000} { // the bench corpus's places, and many more
		pts := randomPoints(n, 2)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				NewClusterIndex(pts, 0, 14, 60)
			}
		})
	}
}
