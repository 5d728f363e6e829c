package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// ClusterPoint is a place to cluster, weighted by its mention count.
type ClusterPoint struct {
	ID       int64 // place id
	Point    orb.Point
	Name     string
	Kind     string
	Country  string
	Mentions int
}

// Cluster is a node of a cluster index at one zoom: a single place
// (Count 1) or a cluster of places.
type Cluster struct {
	ID       int64     // place id for a single place; cluster id otherwise
	Point    orb.Point // lon/lat; for a cluster, the mention-weighted centre
	Count    int       // places
	Mentions int       // mentions of those places
	Expand   int       // for a cluster: the zoom at which it splits
	Place    *ClusterPoint
	x, y     float64 // Web Mercator in [0,1]
	parent   int     // index in the next coarser zoom, -1 if none yet
	zoom     int
}

// IsCluster reports whether c groups more than one place.
func (c *Cluster) IsCluster() bool { return c.Place == nil }

// ClusterIndex clusters points per zoom with the hierarchical greedy
// algorithm of supercluster: starting at the deepest zoom, each point
// absorbs its unclaimed neighbours within Radius pixels; the result is
// clustered again one zoom up. It is immutable once built and safe for
// concurrent use.
type ClusterIndex struct {
	MinZoom, MaxZoom int
	levels           [][]Cluster // by zoom, MinZoom..MaxZoom+1 (the last holds the points)
	grids            []grid
}

// Cluster ids encode the zoom and the index within it.
func clusterID(zoom, i int) int64 { return -(int64(i)*32 + int64(zoom) + 1) }

// NewClusterIndex builds an index clustering at zooms minZoom..maxZoom
// with a radius in pixels of 256-pixel tiles.
func NewClusterIndex(points []ClusterPoint, minZoom, maxZoom int, radius float64) *ClusterIndex {
	ix := &ClusterIndex{MinZoom: minZoom, MaxZoom: maxZoom}
	n := maxZoom - minZoom + 2
	ix.levels = make([][]Cluster, n)
	ix.grids = make([]grid, n)
	pts := make([]Cluster, len(points))
	for i := range points {
		p := &points[i]
		x, y := mercator(p.Point)
		pts[i] = Cluster{ID: p.ID, Point: p.Point, Count: 1, Mentions: p.Mentions, Place: p, x: x, y: y, parent: -1, zoom: maxZoom + 1}
	}
	ix.levels[n-1] = pts
	ix.grids[n-1] = newGrid(pts, maxZoom+1)
	for z := maxZoom; z >= minZoom; z-- {
		li := z - minZoom
		ix.levels[li] = ix.cluster(li+1, z, radius/(256*math.Exp2(float64(z))))
		ix.grids[li] = newGrid(ix.levels[li], z)
	}
	return ix
}

// cluster groups the nodes of level li into clusters for zoom z.
func (ix *ClusterIndex) cluster(li, z int, r float64) []Cluster {
	src, g := ix.levels[li], ix.grids[li]
	out := make([]Cluster, 0, len(src)) // most points stay alone at deep zooms
	for i := range src {
		p := &src[i]
		if p.parent >= 0 {
			continue
		}
		idx := len(out)
		p.parent = idx
		sx, sy, w := p.x*float64(p.Mentions+1), p.y*float64(p.Mentions+1), float64(p.Mentions+1)
		count, mentions := p.Count, p.Mentions
		g.within(src, p.x, p.y, r, func(j int) {
			q := &src[j]
			if q.parent >= 0 {
				return
			}
			q.parent = idx
			qw := float64(q.Mentions + 1)
			sx, sy, w = sx+q.x*qw, sy+q.y*qw, w+qw
			count += q.Count
			mentions += q.Mentions
		})
		if count == p.Count {
			c := *p
			c.parent, c.zoom = -1, z
			out = append(out, c)
			continue
		}
		x, y := sx/w, sy/w
		out = append(out, Cluster{ID: clusterID(z, idx), Point: unmercator(x, y), Count: count, Mentions: mentions,
			Expand: z + 1, x: x, y: y, parent: -1, zoom: z})
	}
	return out
}

// level returns the clusters of zoom z (points beyond MaxZoom).
func (ix *ClusterIndex) level(z int) int {
	switch {
	case z < ix.MinZoom:
		return 0
	case z > ix.MaxZoom:
		return len(ix.levels) - 1
	}
	return z - ix.MinZoom
}

// Query calls fn for each cluster or place of zoom z inside b (lon/lat).
func (ix *ClusterIndex) Query(z int, b orb.Bound, fn func(*Cluster)) {
	li := ix.level(z)
	x0, y1 := mercator(b.Min)
	x1, y0 := mercator(b.Max)
	ix.grids[li].box(ix.levels[li], x0, y0, x1, y1, func(i int) { fn(&ix.levels[li][i]) })
}

// Len is the number of points indexed.
func (ix *ClusterIndex) Len() int { return len(ix.levels[len(ix.levels)-1]) }

func mercator(p orb.Point) (x, y float64) {
	lat := math.Max(-85.0511, math.Min(85.0511, p.Lat()))
	s := math.Sin(lat * math.Pi / 180)
	return p.Lon()/360 + 0.5, 0.5 - 0.25*math.Log((1+s)/(1-s))/math.Pi
}

func unmercator(x, y float64) orb.Point {
	lat := math.Atan(math.Sinh(math.Pi*(1-2*y))) * 180 / math.Pi
	return orb.Point{(x - 0.5) * 360, lat}
}
