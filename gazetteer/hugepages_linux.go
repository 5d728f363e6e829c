package gazetteer

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page with 4 KB base pages
// (x86-64, and most arm64 kernels). Elsewhere the advice covers less, or
// nothing, and changes nothing else.
const hugePage = 2 << 20

// adviseHuge asks the kernel to back s's array with transparent huge pages,
// before anything touches it. A load fills about 50 MB of new tables, and a
// fresh process faults each 4 KB page of them in one at a time; on a
// virtual machine a fault costs about 13 µs, so faults were half the load.
// Only the whole 2 MB pages inside the array are advised: the memory on
// either side belongs to other objects. It is a hint, and an error (a
// kernel without THP, or with THP off) changes nothing.
func adviseHuge[T any](s []T) {
	if cap(s) == 0 {
		return
	}
	base := unsafe.Pointer(unsafe.SliceData(s))
	start := uintptr(base)
	var elem T
	end := start + uintptr(cap(s))*unsafe.Sizeof(elem)
	lo, hi := (start+hugePage-1)&^(hugePage-1), end&^(hugePage-1)
	if lo >= hi {
		return
	}
	_ = unix.Madvise(unsafe.Slice((*byte)(unsafe.Add(base, lo-start)), hi-lo), unix.MADV_HUGEPAGE)
}
