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
