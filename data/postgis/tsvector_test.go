package postgis_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"mentionmap/data/postgis"
	"mentionmap/data/postgis/pgtest"
	"mentionmap/geo"
)

// TestSearchVectorMatches: the server reads every vector, and a query
// finds what its words find in the text, as SQLite's index does.
func TestSearchVectorMatches(t *testing.T) {
	ctx, conn := connect(t)
	const title = "Clashes near Mişrātah"
	const text = "Fighters of al-Qaeda's branch withdrew 3.5 km, said Ahmed O'Neill in Тripoli (Триполи), by a cafe\u0301."
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"clashes", true},
		{"mişrātah", true},
		{"CLASHES fighters", true},         // title and text are one document, case-folded
		{`"near mişrātah fighters"`, true}, // positions run on from the title
		{`"al-qaeda"`, true},
		{"qaeda", true},
		{"3", true},
		{"km", true},
		{"neill", true},
		{"триполи", true},
		{"trip*", false},
		{"mişr*", true},
		{`"fighters clashes"`, false},
		{"misrata", false},
		{"withdrew OR nothing", true},
		{"nothing", false},
		{"cafe\u0301", true}, // a combining mark ends a word, in the query as in the text
	} {
		q, err := geo.ParseQuery(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		var got bool
		err = conn.QueryRow(ctx, `SELECT $1::tsvector @@ to_tsquery('simple', $2)`, postgis.SearchVector(title, text), postgis.TSQuery(q)).Scan(&got)
		if err != nil {
			t.Fatalf("%s: %v", tc.q, err)
		}
		if got != tc.want {
			t.Errorf("%s: matches %v, want %v", tc.q, got, tc.want)
		}
	}
}

// connect opens a connection to the test server, closed when t ends.
func connect(t *testing.T) (context.Context, *pgx.Conn) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.Server(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return ctx, conn
}

// TestSearchVectorAsPostgreSQL: for text of plain words, the vector is the
// one to_tsvector('simple') makes, limits included: positions clamped at
// 16,383 and at most 256 of them a word.
func TestSearchVectorAsPostgreSQL(t *testing.T) {
	ctx, conn := connect(t)
	var long strings.Builder
	for i := range 17000 {
		long.WriteString("w" + strconv.Itoa(i%400) + " ")
	}
	for _, tc := range []struct{ name, title, text string }{
		{"words", "Tripoli", "Forces entered Sirte; forces left Tripoli, again."},
		{"long", "", long.String()},
		{"repeated", "Sirte", strings.Repeat("Sirte and ", 300)},
		{"empty", "", ""},
	} {
		var same bool
		err := conn.QueryRow(ctx, `SELECT $1::tsvector = to_tsvector('simple', $2 || ' ' || $3)`,
			postgis.SearchVector(tc.title, tc.text), tc.title, tc.text).Scan(&same)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !same {
			t.Errorf("%s: the vector differs from to_tsvector's", tc.name)
		}
	}
}

// FuzzSearchVector: whatever the text, the vector is well formed:
// lexemes sorted and distinct, lower-case words, positions rising within
// PostgreSQL's limits.
func FuzzSearchVector(f *testing.F) {
	f.Add("Clashes near Mişrātah", "al-Qaeda's 3.5 km, 'quoted' \\ back")
	f.Add("", strings.Repeat("a ", 300))
	f.Fuzz(func(t *testing.T, title, text string) {
		v := postgis.SearchVector(title, text)
		if v == "" {
			return
		}
		var last string
		for _, entry := range strings.Split(v, " ") {
			word, positions, ok := strings.Cut(entry, ":")
			if !ok || len(word) < 3 || word[0] != '\'' || word[len(word)-1] != '\'' {
				t.Fatalf("entry %q in %q", entry, v)
			}
			word = word[1 : len(word)-1]
			if word <= last {
				t.Fatalf("%q after %q", word, last)
			}
			last = word
			if strings.ToLower(word) != word || strings.IndexFunc(word, func(r rune) bool { return !geo.IsWordRune(r) }) >= 0 {
				t.Fatalf("lexeme %q", word)
			}
			ps := strings.Split(positions, ",")
			if len(ps) > 255 {
				t.Fatalf("%q has %d positions", word, len(ps))
			}
			var ns []int
			for _, p := range ps {
				n, err := strconv.Atoi(p)
				if err != nil || n < 1 || n > 16383 {
					t.Fatalf("%q: position %q", word, p)
				}
				ns = append(ns, n)
			}
			if !slices.IsSorted(ns) || len(slices.Compact(ns)) != len(ps) {
				t.Fatalf("%q: positions %v", word, ns)
			}
		}
	})
}
