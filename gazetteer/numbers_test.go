package gazetteer

import (
	"math"
	"strconv"
	"testing"
)

func TestParseNumbers(t *testing.T) {
	for _, s := range []string{"0", "-0", "32.88743", "-72.65065", "180", "-179.99999", "0.1", "123456789012345",
		"1234567890123456", "1e5", "", "-", ".", "1.", ".5", "1.2.3", "+3", "NaN", "0x10", "1150989", "007",
		"999999999999999999", "9999999999999999999", "-5"} {
		checkDecimal(t, s)
		checkInt(t, s)
	}
}

func FuzzParseNumbers(f *testing.F) {
	for _, s := range []string{"32.88743", "-72.65065", "1150989", "1e5", "1.", ".5", "-0.00001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkDecimal(t, s)
		checkInt(t, s)
	})
}

// checkDecimal wants parseDecimal to agree with strconv.ParseFloat, to
// the bit, on s.
func checkDecimal(t *testing.T, s string) {
	t.Helper()
	got, gotErr := parseDecimal(s)
	want, wantErr := strconv.ParseFloat(s, 64)
	if (gotErr == nil) != (wantErr == nil) || math.Float64bits(got) != math.Float64bits(want) {
		t.Errorf("parseDecimal(%q) = %v, %v; strconv: %v, %v", s, got, gotErr, want, wantErr)
	}
}

func checkInt(t *testing.T, s string) {
	t.Helper()
	got, gotErr := parseInt(s)
	want, wantErr := strconv.ParseInt(s, 10, 64)
	if (gotErr == nil) != (wantErr == nil) || got != want {
		t.Errorf("parseInt(%q) = %v, %v; strconv: %v, %v", s, got, gotErr, want, wantErr)
	}
}
