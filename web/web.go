// Package web holds mentionmap's map page: static/index.html, written for
// the project, and dist/, the bundle that `go generate ./web` builds from
// npm packages (Leaflet, topojson-client, world-atlas). Both are embedded;
// a binary built without the bundle serves a plain page of links.
package web

//go:generate npm ci --no-audit --no-fund
//go:generate npm run build

import (
	"embed"
	"errors"
	"io/fs"
)

//go:embed static dist
var files embed.FS

// FS returns the page's files at one root: index.html from static/, and
// the bundle (app.js, app.css, leaflet.css, images/, countries.json) from
// dist/.
func FS() fs.FS {
	static, _ := fs.Sub(files, "static")
	dist, _ := fs.Sub(files, "dist")
	return layered{static, dist}
}

// Built reports whether the bundle was built into this binary.
func Built() bool {
	_, err := fs.Stat(files, "dist/app.js")
	return err == nil
}

// layered looks a name up in each file system in turn.
type layered []fs.FS

func (l layered) Open(name string) (fs.File, error) {
	for _, f := range l {
		file, err := f.Open(name)
		if err == nil {
			return file, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
