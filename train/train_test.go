package train

import (
	"fmt"
	"reflect"
	"testing"
)

// corpus makes a corpus in which "good" marks places and "bad" does not,
// with "noise" on every other example whatever its label.
func corpus(n int) *Corpus {
	c := &Corpus{}
	for i := 0; i < n; i++ {
		noise := fmt.Sprintf("noise=%d", i%2)
		c.Examples = append(c.Examples,
			Example{Features: []string{"bias=1", "good=1", noise}, Place: true},
			Example{Features: []string{"bias=1", "bad=1", noise}, Place: false})
	}
	c.Gold = n
	return c
}

func TestFitSeparates(t *testing.T) {
	m := Fit(corpus(200), Options{Seed: 1})
	if m.Weights["good=1"] <= 0 || m.Weights["bad=1"] >= 0 {
		t.Fatalf("weights %v: want good > 0 > bad", m.Weights)
	}
	good := sigmoid(m.Weights["bias=1"] + m.Weights["good=1"])
	bad := sigmoid(m.Weights["bias=1"] + m.Weights["bad=1"])
	if !(bad < m.Threshold && m.Threshold < good) {
		t.Errorf("threshold %.3f does not fall between bad %.3f and good %.3f", m.Threshold, bad, good)
	}
}

func TestFitIsDeterministic(t *testing.T) {
	a, b := Fit(corpus(100), Options{Seed: 7}), Fit(corpus(100), Options{Seed: 7})
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave two models")
	}
	if c := Fit(corpus(100), Options{Seed: 8}); reflect.DeepEqual(a.Weights, c.Weights) {
		t.Error("another seed gave the same weights: the seed orders nothing")
	}
}

func TestMinSupport(t *testing.T) {
	c := corpus(10)
	c.Examples = append(c.Examples, Example{Features: []string{"rare=1"}, Place: true})
	m := Fit(c, Options{Seed: 1, MinSupport: 2})
	if _, ok := m.Weights["rare=1"]; ok {
		t.Error("a feature seen once was kept")
	}
}

func TestBestThreshold(t *testing.T) {
	tests := []struct {
		name   string
		scores []float64
		places []bool
		c      Corpus
		lo, hi float64 // the cut lies in (lo, hi)
	}{
		{"cuts between places and the rest", []float64{0.9, 0.8, 0.3, 0.2}, []bool{true, true, false, false}, Corpus{Gold: 2}, 0.3, 0.8},
		{"keeps a doubtful place when gold is large", []float64{0.9, 0.4, 0.1}, []bool{true, true, false}, Corpus{Gold: 10}, 0.1, 0.4},
		{"rule-kept hits count", []float64{0.9, 0.6, 0.5}, []bool{true, false, false}, Corpus{Gold: 3, RulePred: 2, RuleTP: 2}, 0.6, 0.9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			for _, p := range tt.places {
				c.Examples = append(c.Examples, Example{Place: p})
			}
			if got := bestThreshold(tt.scores, &c); got <= tt.lo || got >= tt.hi {
				t.Errorf("threshold %.3f, want in (%.2f, %.2f)", got, tt.lo, tt.hi)
			}
		})
	}
}
