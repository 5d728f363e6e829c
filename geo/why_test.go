package geo

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// tripoli is the place of the mention whose reasons are stored.
var tripoli = Place{Key: "2210247", Name: "Tripoli", Kind: "city", Country: "LY", Admin1: "77"}

func TestWhyRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		why  *Why
	}{
		{"candidates and reasons", &Why{
			Candidates: []Candidate{{Key: "2210247", Name: "Tripoli", Kind: "city", Country: "LY", Admin1: "77", Score: 0.662},
				{Key: "LB.05", Name: "Tripoli \"North\"", Kind: "admin1", Country: "LB", Score: 0.036}},
			Reasons: []string{"Libya named 2 times", `qualifier "Ky."`}}},
		{"empty lists", &Why{Candidates: []Candidate{}, Reasons: []string{}}},
		{"a reason without figures", &Why{Candidates: []Candidate{{Key: "2210247", Name: "Tripoli", Kind: "city", Country: "LY", Admin1: "77", Score: 1}},
			Reasons: []string{"the only place of this name"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, _ := json.Marshal(tt.why)
			if got := tt.why.AppendJSON(nil); string(got) != string(want) {
				t.Errorf("AppendJSON\n%s\nencoding/json\n%s", got, want)
			}
			stored := StoredWhy(tt.why, tripoli.Key).(string)
			if len(tt.why.Candidates) > 0 && (strings.Contains(stored, `"name":"Tripoli","kind":"city"`) || len(stored) >= len(want)) {
				t.Errorf("the stored form repeats the mention's place: %s", stored)
			}
			var got *Why
			if err := (WhyColumn{&got, &tripoli}).Scan([]byte(stored)); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.why) {
				t.Errorf("read back %+v, want %+v", got, tt.why)
			}
		})
	}
	var got = &Why{}
	if stored := StoredWhy(tests[2].why, tripoli.Key); stored != "[[1],[0]]" {
		t.Errorf("the commonest reasons are stored as %s", stored)
	}
	for _, tc := range []struct{ stored, want string }{
		{`{"candidates":[{"key":"2210247","score":1},{"key":"LB.05","name":"Tripoli","kind":"admin1","score":0}],"reasons":["Libya named once"]}`,
			`{"candidates":[{"key":"2210247","name":"Tripoli","kind":"city","country":"LY","admin1":"77","score":1},{"key":"LB.05","name":"Tripoli","kind":"admin1","score":0}],"reasons":["Libya named once"]}`},
		{`[[1],[99]]`, "error"},
		{`[[1,{}],[]]`, "error"},
		{`[["1"],[]]`, "error"},
	} {
		err := (WhyColumn{&got, &tripoli}).Scan(tc.stored)
		if out := "error"; err != nil && out != tc.want || err == nil && string(got.AppendJSON(nil)) != tc.want {
			t.Errorf("%s read as %+v (%v), want %s", tc.stored, got, err, tc.want)
		}
	}
	if err := (WhyColumn{&got, &tripoli}).Scan(nil); err != nil || got != nil {
		t.Errorf("NULL read as %+v, %v", got, err)
	}
	if err := (WhyColumn{&got, &tripoli}).Scan(42); err == nil {
		t.Error("a number read as a Why")
	}
	if StoredWhy(nil, "") != nil {
		t.Error("no Why is stored as something")
	}
}

// FuzzWhyColumn: any stored text reads as a Why or an error, and a Why
// read survives being stored again.
func FuzzWhyColumn(f *testing.F) {
	f.Add(`[[1],[0]]`)
	f.Add(`[[0.5,["LB.05","Tripoli","admin1","LB","",0.5]],[1,"Libya named once"]]`)
	f.Add(`{"candidates":[{"key":"2210247","score":1}],"reasons":["x"]}`)
	f.Fuzz(func(t *testing.T, stored string) {
		var w *Why
		if err := (WhyColumn{&w, &tripoli}).Scan(stored); err != nil {
			return
		}
		var again *Why
		if err := (WhyColumn{&again, &tripoli}).Scan(StoredWhy(w, tripoli.Key)); err != nil {
			t.Fatalf("%s, stored again: %v", stored, err)
		}
		if a, b := string(w.AppendJSON(nil)), string(again.AppendJSON(nil)); a != b {
			t.Fatalf("%s read as %s, then as %s", stored, a, b)
		}
	})
}

// TestStoredWhyPrepared: the form made as an article is parsed is the one
// StoredWhy writes, for the mention's place only.
func TestStoredWhyPrepared(t *testing.T) {
	fresh := func() *Why {
		return &Why{Candidates: []Candidate{{Key: tripoli.Key, Name: "Tripoli", Kind: "city", Country: "LY", Score: 0.7},
			{Key: "LB.05", Name: "Tripoli", Kind: "admin1", Country: "LB", Score: 0.3}}, Reasons: []string{"Libya named 2 times"}}
	}
	w := fresh()
	a := &Article{Mentions: []Mention{{Place: tripoli, Why: w}, {Place: tripoli, Why: w}}}
	prepareStored(a)
	if !w.stored.made {
		t.Fatal("no stored form made")
	}
	for _, place := range []string{tripoli.Key, "LB.05"} {
		want := StoredWhy(fresh(), place)
		if got := StoredWhy(w, place); got != want {
			t.Errorf("for %s: %v, want %v", place, got, want)
		}
		if got := (WhyWriter{}).Stored(w, place); got != want {
			t.Errorf("WhyWriter for %s: %v, want %v", place, got, want)
		}
	}
}
