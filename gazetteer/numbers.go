package gazetteer

import "strconv"

// A load reads some 700,000 numbers: each place's id, coordinates and
// population, and the extents of areas. The file writes them as plain
// decimals ("-72.65065", "1150989"), which parseDecimal and parseInt read
// in a tenth of strconv's instructions. Anything else (exponents, long
// mantissas, signs on integers, errors) goes to strconv, so the result is
// always strconv's.

// maxExactDigits is the most decimal digits whose integer is exact in a
// float64 (below 2^53).
const maxExactDigits = 15

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseDecimal is strconv.ParseFloat(s, 64). For [-]digits[.digits] with
// at most 15 digits it divides the digits, read as an integer, by a power
// of ten: both are exact, and IEEE division rounds the exact quotient
// correctly, which is what ParseFloat returns.
func parseDecimal(s string) (float64, error) {
	i, neg := 0, false
	if len(s) > 0 && s[0] == '-' {
		i, neg = 1, true
	}
	var n uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return strconv.ParseFloat(s, 64)
		}
	}
	if digits == 0 || digits > maxExactDigits || (dot && frac == 0) {
		return strconv.ParseFloat(s, 64)
	}
	v := float64(n) / pow10[frac]
	if neg {
		v = -v
	}
	return v, nil
}

// parseInt is strconv.ParseInt(s, 10, 64), reading up to 18 plain digits
// itself.
func parseInt(s string) (int64, error) {
	if len(s) == 0 || len(s) > 18 {
		return strconv.ParseInt(s, 10, 64)
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return strconv.ParseInt(s, 10, 64)
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}
