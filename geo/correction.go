package geo

import (
	"context"
	"encoding/json"
	"time"
)

// Correction actions.
const (
	CorrectMove    = "move"    // the mention names another place
	CorrectRemove  = "remove"  // the mention names no place
	CorrectConfirm = "confirm" // the mention is right: its confidence becomes 1
	CorrectUndo    = "undo"    // a correction reversed
)

// Correction is an analyst's change to one mention, as the audit log keeps
// it: what the mention was before and after, who changed it, and why.
type Correction struct {
	ID        int64         `json:"id"`
	MentionID int64         `json:"mention_id"`
	ArticleID int64         `json:"article_id"`
	Text      string        `json:"text"` // the mention's words
	Action    string        `json:"action"`
	Before    *MentionState `json:"before"` // nil: not a place
	After     *MentionState `json:"after"`  // nil: not a place
	By        string        `json:"by"`
	Note      string        `json:"note,omitempty"`
	At        time.Time     `json:"at"`
	Undoes    int64         `json:"undoes,omitempty"`    // the correction an undo reverses
	UndoneBy  int64         `json:"undone_by,omitempty"` // the undo that reversed this one
}

// MentionState is what a correction changes of a mention: its place and
// its confidence.
type MentionState struct {
	PlaceKey   string  `json:"place_key"`
	PlaceName  string  `json:"place_name"`
	Confidence float64 `json:"confidence"`
}

// CorrectionStore applies corrections and keeps their audit log. Both
// stores implement it. A correction shows at once wherever the mention
// counts: totals, the change log (and so tiles and ETags), names.
type CorrectionStore interface {
	// Correct applies c.Action to mention c.MentionID, moving it to place
	// to for CorrectMove, and logs it, filling c's other fields. An
	// unknown mention is an ENOTFOUND error.
	Correct(ctx context.Context, c *Correction, to *Place) error
	// Undo reverses correction id, which must be the last of its mention
	// and not undone, and logs the undo; ECONFLICT otherwise.
	Undo(ctx context.Context, id int64, by, note string) (*Correction, error)
	// Corrections lists the audit log, newest first.
	Corrections(ctx context.Context, limit, offset int) ([]Correction, error)
	LessonSource
}

// Validate checks a correction request before a store applies it.
func (c *Correction) Validate(to *Place) error {
	switch c.Action {
	case CorrectMove:
		if to == nil || to.Key == "" {
			return Errorf(EINVALID, "a move needs a place")
		}
	case CorrectRemove, CorrectConfirm:
	default:
		return Errorf(EINVALID, "unknown correction %q", c.Action)
	}
	if len(c.Note) > 2000 || len(c.By) > 200 {
		return Errorf(EINVALID, "a note is at most 2,000 bytes and a name 200")
	}
	return nil
}

// FactJSON encodes a fact for a store's column; nil is "null".
func FactJSON(f *MentionState) string {
	b, _ := json.Marshal(f) // a struct of strings and a float
	return string(b)
}

// ParseFact decodes what FactJSON wrote.
func ParseFact(s string) (*MentionState, error) {
	var f *MentionState
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		return nil, Wrap(EINTERNAL, err, "a stored correction")
	}
	return f, nil
}

// CorrectionLesson is what an analyst's correction teaches the geoparser:
// in articles of Source (a SourceKey), the name Text means PlaceKey, or no
// place when PlaceKey is "".
type CorrectionLesson struct {
	Source, Text, PlaceKey string
}

// CorrectionTeacher is a geoparser that follows analysts' corrections in
// the later articles of the same source. The gazetteer's parser is one.
type CorrectionTeacher interface {
	// LearnCorrections replaces what earlier calls taught; later lessons
	// for the same source and name win.
	LearnCorrections(ls []CorrectionLesson)
}

// LessonSource reads the lessons of the corrections in force: moves and
// removals not undone, oldest first. Both stores implement it.
type LessonSource interface {
	CorrectionLessons(ctx context.Context) ([]CorrectionLesson, error)
}

// LessonOf is what a move or removal (its state after, nil for no place)
// of a mention with text, in an article of source at url, teaches.
func LessonOf(source, url, text string, after *MentionState) CorrectionLesson {
	l := CorrectionLesson{Source: SourceKey(source, url), Text: text}
	if after != nil {
		l.PlaceKey = after.PlaceKey
	}
	return l
}
