package sqlite

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// TestSchemaGolden keeps the schema that the migrations build, in order, in
// testdata/schema.sql: a migration that changes it shows in review as a
// diff of the whole schema. The migrations are kept as they are, not
// squashed, so that every database in use upgrades in place
// (TestMigratesOlderSchema).
func TestSchemaGolden(t *testing.T) {
	s, _ := openTest(t)
	var b strings.Builder
	for _, db := range []string{"main", "search"} {
		rows, err := s.r.QueryContext(context.Background(),
			`SELECT sql FROM `+db+`.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name`)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("-- " + db + "\n")
		for rows.Next() {
			var sql string
			if err := rows.Scan(&sql); err != nil {
				t.Fatal(err)
			}
			b.WriteString(sql + ";\n")
		}
		rows.Close()
	}
	var version int
	s.w.QueryRow("PRAGMA user_version").Scan(&version)
	got := b.String() + "-- user_version " + strconv.Itoa(version) + "\n"
	golden := filepath.Join("testdata", "schema.sql")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestSchemaGolden -update)", err)
	}
	if got != string(want) {
		t.Errorf("the schema differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
}
