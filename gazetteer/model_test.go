package gazetteer

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadModel(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		wantErr bool
		feats   int
	}{
		{"weights", modelHeader + "\nthreshold\t0.4\nbias=1\t0.5\nkind=city\t-1.25\n", false, 2},
		{"no header", "bias=1\t0.5\n", true, 0},
		{"bad number", modelHeader + "\nbias=1\tabc\n", true, 0},
		{"no tab", modelHeader + "\nbias=1 0.5\n", true, 0},
		{"not a number", modelHeader + "\nbias=1\tNaN\n", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ReadModel(strings.NewReader(tt.file))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && m.Features() != tt.feats {
				t.Errorf("%d features, want %d", m.Features(), tt.feats)
			}
		})
	}
}

func TestModelRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := map[string]float64{"bias=1": 0.25, "prev=in": 2, "kind=city": -1}
	if err := WriteModel(&buf, []string{"bias=1", "kind=city", "prev=in"}, w, 0.4); err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if m.threshold != 0.4 || m.Features() != 3 {
		t.Fatalf("threshold %v, %d features", m.threshold, m.Features())
	}
	ids := []uint64{featureID("bias", "1"), featureID("prev", "in")}
	if p := m.probability(ids); p < 0.9 || p > 0.91 { // sigmoid(2.25) = 0.905
		t.Errorf("p = %.3f, want sigmoid(2.25)", p)
	}
}

func TestDefaultModel(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Features() < 50 {
		t.Errorf("the embedded recognizer has %d features", m.Features())
	}
}

// TestCandidates checks what training reads: the recognizer judges towns
// and divisions, with named features; the rules decide countries and
// demonyms.
func TestCandidates(t *testing.T) {
	p := NewParser(def(t))
	cs := p.Candidates("", "Libyan forces entered Sirte, in Libya, as Mr. Lincoln said.")
	judged := map[string]bool{}
	for _, c := range cs {
		text := "Libyan forces entered Sirte, in Libya, as Mr. Lincoln said."[c.Start:c.End]
		judged[text] = c.Judged
		if c.Judged != (len(c.Features) > 0) {
			t.Errorf("%q: judged %v with %d features", text, c.Judged, len(c.Features))
		}
	}
	for text, want := range map[string]bool{"Libyan": false, "Sirte": true, "Libya": false} {
		if got, ok := judged[text]; !ok || got != want {
			t.Errorf("%q: judged %v (found %v), want %v", text, got, ok, want)
		}
	}
}

func FuzzReadModel(f *testing.F) {
	f.Add(modelHeader + "\nthreshold\t0.4\nbias=1\t0.5\n")
	f.Add("bias=1\t0.5")
	f.Add(modelHeader + "\n=\t1e308\n\t\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ReadModel(strings.NewReader(s))
		if err != nil {
			return
		}
		p := m.probability([]uint64{featureID("bias", "1")})
		if p < 0 || p > 1 {
			t.Fatalf("probability %v", p)
		}
	})
}

// TestFeatureHashesAgree checks that the features built without strings
// hash as their names do: a model file names them, and loads by the names.
func TestFeatureHashesAgree(t *testing.T) {
	f := featureSet{named: true}
	f.addPair(featKindPrev, "city", "in")
	f.addKinded(featCommonKinded, "city", "1")
	f.add(featBias, "1")
	f.add(featPrevGivenName, "")
	f.flag(featAllCaps, true)
	f.flag(featDateline, false)
	if len(f.ids) != 5 || len(f.names) != 5 {
		t.Fatalf("%d ids and %d names for 5 features", len(f.ids), len(f.names))
	}
	for i, name := range f.names {
		prefix, value := parseFeature(name)
		if id := featureID(prefix, value); id != f.ids[i] {
			t.Errorf("%s: built %x, named %x", name, f.ids[i], id)
		}
	}
}
