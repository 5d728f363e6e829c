package gazetteer

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// anonHuge is the process's memory in transparent huge pages, in kB.
func anonHuge(t *testing.T) int {
	f, err := os.Open("/proc/self/smaps_rollup")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "AnonHugePages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no AnonHugePages in smaps_rollup")
	return 0
}

// An advised table is backed by huge pages once written, wherever the
// kernel offers them on request. The table is made in a new process: in
// this one, memory that earlier tests freed may be reused, already
// backed by small pages, as it can be in any process but a fresh one.
func TestAdviseHuge(t *testing.T) {
	if os.Getenv("MENTIONMAP_ADVISE_HUGE_CHILD") != "" {
		adviseHugeChild(t)
		return
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !(strings.Contains(string(mode), "[madvise]") || strings.Contains(string(mode), "[always]")) {
		t.Skipf("transparent huge pages are not offered: %q %v", mode, err)
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestAdviseHuge$", "-test.v")
	cmd.Env = append(os.Environ(), "MENTIONMAP_ADVISE_HUGE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

// adviseHugeChild writes an advised 24 MB table and checks that huge
// pages back it.
func adviseHugeChild(t *testing.T) {
	before := anonHuge(t)
	s := make([]entry, 0, 24<<20/12)
	adviseHuge(s)
	s = s[:cap(s)]
	for i := range s {
		s[i].place = int32(i)
	}
	got := anonHuge(t) - before
	// 24 MB holds at least 10 whole aligned huge pages; a few may be
	// refused when memory is fragmented.
	if got < 8*2048 {
		t.Errorf("huge pages grew by %d kB after writing an advised 24 MB table, want at least %d", got, 8*2048)
	}
	if s[len(s)-1].place != int32(len(s)-1) {
		t.Fatal("table lost a write")
	}
}
