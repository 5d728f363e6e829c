package gazetteer

import (
	"strings"
	"unicode/utf8"
)

// sentenceReach is how far a mention's sentence extends at most on each
// side of it, in bytes.
const sentenceReach = 200

func endsSentence(c byte) bool { return c == '.' || c == '!' || c == '?' }

// sentenceBounds scans out from [start, end) to the sentence's ends, or
// sentenceReach bytes.
func sentenceBounds(text string, start, end int) (lo, hi int) {
	lo = start
	for lo > 0 && start-lo < sentenceReach && !opensSentence(text, lo) {
		lo--
	}
	hi = end
	for hi < len(text) && hi-end < sentenceReach {
		c := text[hi]
		if c == '\n' {
			break
		}
		hi++
		if endsSentence(c) && (hi == len(text) || text[hi] == ' ' || text[hi] == '\n') {
			break
		}
	}
	return lo, hi
}

// opensSentence reports whether a sentence may start at byte p > 0: after
// a line break, or after the space that follows a full stop.
func opensSentence(text string, p int) bool {
	c := text[p-1]
	return c == '\n' || (c == ' ' && p >= 2 && endsSentence(text[p-2]))
}

// closesSentence reports whether a sentence that reaches byte p ends
// there: at the end of the text, before a line break, or after a full
// stop followed by a space.
func closesSentence(text string, p int) bool {
	return p == len(text) || text[p] == '\n' || (p > 0 && endsSentence(text[p-1]) && text[p] == ' ')
}

// trimSentence is text[lo:hi] on whole characters and without the spaces
// around it.
func trimSentence(text string, start, end, lo, hi int) string {
	for lo < start && !utf8.RuneStart(text[lo]) {
		lo++
	}
	for hi > end && hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi--
	}
	return strings.TrimSpace(text[lo:hi])
}

// sentences finds the sentences of mentions taken in text order. Dense
// news names several places a sentence, and the next mention's sentence
// is mostly the last one's: it is found by scanning only the bytes
// between the two mentions, not out to both ends again.
type sentences struct {
	text       string
	start, end int // the last mention's bytes
	lo, hi     int // its sentence's bounds; hi == 0 before the first
}

// around returns the sentence around bytes [start, end) of the text, at
// most about 400 bytes long.
func (s *sentences) around(start, end int) string {
	lo, hi, ok := s.reuse(start, end)
	if !ok {
		lo, hi = sentenceBounds(s.text, start, end)
	}
	s.start, s.end, s.lo, s.hi = start, end, lo, hi
	return trimSentence(s.text, start, end, lo, hi)
}

// reuse returns the bounds of [start, end)'s sentence when they follow
// from the last mention's: the scan from the last mention found no end of
// a sentence in (lo, start] nor in [end, hi), so only the bytes between
// the two mentions are left to look at.
func (s *sentences) reuse(start, end int) (lo, hi int, ok bool) {
	t := s.text
	if s.hi == 0 || start < s.start || end < s.end || end >= s.hi || s.hi-end >= sentenceReach ||
		start-s.start >= sentenceReach || !closesSentence(t, s.hi) {
		return 0, 0, false
	}
	for p := start; p > s.start; p-- {
		if opensSentence(t, p) {
			return p, s.hi, true
		}
	}
	if start-s.lo < sentenceReach && (s.lo == 0 || opensSentence(t, s.lo)) {
		return s.lo, s.hi, true
	}
	return 0, 0, false
}
