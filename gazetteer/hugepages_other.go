//go:build !linux

package gazetteer

// adviseHuge does nothing where transparent huge pages are not offered.
func adviseHuge[T any](s []T) {}
