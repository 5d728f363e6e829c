package geo

import "strings"

// SentenceSpan finds m's sentence in its article's text, around the
// mention, and returns its bytes [from, to): stores keep the span rather
// than a copy. ok is false for a sentence that is not in the text (the
// parser trims it from the text, so it always is, but a client may send
// any), which a store keeps as a copy.
func SentenceSpan(text string, m *Mention) (from, to int, ok bool) {
	s := m.Sentence
	lo, hi := max(0, min(m.Start, len(text))-len(s)), min(len(text), max(m.End, 0)+len(s))
	if lo <= hi {
		if i := strings.Index(text[lo:hi], s); i >= 0 {
			return lo + i, lo + i + len(s), true
		}
	}
	if i := strings.Index(text, s); i >= 0 {
		return i, i + len(s), true
	}
	return 0, 0, false
}

// StoredSentence is how a store keeps m's sentence: its span in text,
// with copied nil, or, when it is not there, the copy to store instead.
func StoredSentence(text string, m *Mention) (copied any, from, to int) {
	if from, to, ok := SentenceSpan(text, m); ok {
		return nil, from, to
	}
	return m.Sentence, 0, 0
}
