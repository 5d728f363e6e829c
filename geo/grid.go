package geo

import "slices"

// grid buckets the nodes of one zoom level by cells of about one tile,
// for radius and box queries in Web Mercator space. Entries are sorted by
// cell, row by row, so the cells of one row of a box are one run, found
// by binary search within the row.
type grid struct {
	n     int     // cells per side
	cells []int64 // the cell of each entry, ascending
	nodes []int32 // the node of each entry; in node order within a cell
	rows  []int32 // rows[y] is the first entry of row y; rows[n] = len
}

func newGrid(nodes []Cluster, zoom int) grid {
	g := grid{n: 1 << min(zoom, 16)}
	// One sort of plain integers, cell then node: cells < 2^32, nodes < 2^31.
	keys := make([]int64, len(nodes))
	for i := range nodes {
		keys[i] = g.cell(nodes[i].x, nodes[i].y)<<31 | int64(i)
	}
	slices.Sort(keys)
	g.cells, g.nodes = keys, make([]int32, len(keys))
	g.rows = make([]int32, g.n+1)
	for i, k := range keys {
		g.cells[i], g.nodes[i] = k>>31, int32(k&(1<<31-1))
		g.rows[g.cells[i]/int64(g.n)+1]++
	}
	for y := range g.n {
		g.rows[y+1] += g.rows[y]
	}
	return g
}

func (g grid) coord(v float64) int64 {
	return min(int64(g.n-1), max(0, int64(v*float64(g.n))))
}

func (g grid) cell(x, y float64) int64 { return g.coord(y)*int64(g.n) + g.coord(x) }

// box calls fn for the nodes inside [x0,x1]×[y0,y1], in cell order.
func (g grid) box(nodes []Cluster, x0, y0, x1, y1 float64, fn func(int)) {
	visit := func(from, to int) {
		for _, i := range g.nodes[from:to] {
			if p := &nodes[i]; p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1 {
				fn(int(i))
			}
		}
	}
	cx0, cx1, cy0, cy1 := g.coord(x0), g.coord(x1), g.coord(y0), g.coord(y1)
	if int(cy1-cy0+1) > len(g.cells) { // a tall box: scan every entry
		visit(0, len(g.cells))
		return
	}
	for cy := cy0; cy <= cy1; cy++ {
		start, end := int(g.rows[cy]), int(g.rows[cy+1])
		row := g.cells[start:end]
		lo, hi := 0, len(row)
		if cx0 > 0 || cx1 < int64(g.n-1) {
			lo, _ = slices.BinarySearch(row, cy*int64(g.n)+cx0)
			hi, _ = slices.BinarySearch(row, cy*int64(g.n)+cx1+1)
		}
		visit(start+lo, start+hi)
	}
}

// within calls fn for the nodes within r of (x, y).
func (g grid) within(nodes []Cluster, x, y, r float64, fn func(int)) {
	r2 := r * r
	g.box(nodes, x-r, y-r, x+r, y+r, func(i int) {
		dx, dy := nodes[i].x-x, nodes[i].y-y
		if dx*dx+dy*dy <= r2 {
			fn(i)
		}
	})
}
