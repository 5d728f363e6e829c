package geo

// grid buckets the nodes of one zoom level by cells of about one tile,
// for radius and box queries in Web Mercator space.
type grid struct {
	n     int           // cells per side
	cells map[int][]int // cell -> node indexes
}

func newGrid(nodes []Cluster, zoom int) grid {
	n := 1 << min(zoom, 16)
	g := grid{n: n, cells: make(map[int][]int, len(nodes)/4+1)}
	for i := range nodes {
		c := g.cell(nodes[i].x, nodes[i].y)
		g.cells[c] = append(g.cells[c], i)
	}
	return g
}

func (g grid) coord(v float64) int {
	return min(g.n-1, max(0, int(v*float64(g.n))))
}

func (g grid) cell(x, y float64) int { return g.coord(y)*g.n + g.coord(x) }

// box calls fn for the nodes inside [x0,x1]×[y0,y1].
func (g grid) box(nodes []Cluster, x0, y0, x1, y1 float64, fn func(int)) {
	cx0, cx1, cy0, cy1 := g.coord(x0), g.coord(x1), g.coord(y0), g.coord(y1)
	if (cx1-cx0+1)*(cy1-cy0+1) > len(g.cells) {
		for _, idx := range g.cells { // a big box: scan the occupied cells
			for _, i := range idx {
				if p := &nodes[i]; p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1 {
					fn(i)
				}
			}
		}
		return
	}
	for cy := cy0; cy <= cy1; cy++ {
		for cx := cx0; cx <= cx1; cx++ {
			for _, i := range g.cells[cy*g.n+cx] {
				if p := &nodes[i]; p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1 {
					fn(i)
				}
			}
		}
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
