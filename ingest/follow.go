package ingest

import (
	"context"
	"log/slog"
	"time"

	"mentionmap/geo"
)

// FollowEvery is how often a process learns what the others stored.
const FollowEvery = 500 * time.Millisecond

// Followed is a store whose change log a Follower reads.
type Followed interface {
	geo.ChangeLog
	geo.SourceHistory
	Version(ctx context.Context) (int64, error)
}

// Follower teaches a geoparser what other processes store in a shared
// database, so that every process parses a source's next article alike:
// each learns its own articles as it parses them, and the others' from
// the database's change log, within FollowEvery. A Follower is used by
// one goroutine.
type Follower struct {
	store    Followed
	p        geo.Learner
	since    int64 // the version learnt up to
	relearnt int64 // articles up to this id were relearnt at start
}

// NewFollower follows store from version since; articles with ids up to
// relearnt were learnt already (Relearn).
func NewFollower(store Followed, p geo.Learner, since, relearnt int64) *Follower {
	return &Follower{store: store, p: p, since: since, relearnt: relearnt}
}

// CatchUp learns the articles that other processes stored since the last
// call, and returns how many.
func (f *Follower) CatchUp(ctx context.Context) (int, error) {
	v, changes, err := f.store.Changes(ctx, f.since)
	if err != nil {
		return 0, err
	}
	var ids []int64
	corrected := false
	for _, c := range changes {
		switch {
		case c.Revised: // stored before: only what analysts teach may have changed
			corrected = true
			continue
		case c.Mine:
			continue // learnt as this process parsed them
		}
		for _, id := range c.Articles {
			if id > f.relearnt {
				ids = append(ids, id)
			}
		}
	}
	if corrected {
		if err := teachCorrections(ctx, f.store, f.p); err != nil {
			return 0, err
		}
	}
	n := 0
	if len(ids) > 0 {
		err = f.store.Lessons(ctx, ids, func(source string, ms []geo.Mention) error {
			f.p.Learn(source, ms)
			n++
			return nil
		})
	}
	if err == nil {
		f.since = v
	}
	return n, err
}

// Follow catches up every FollowEvery until ctx ends. A failure is
// logged, and the next round tries again from the same version.
func (f *Follower) Follow(ctx context.Context, log *slog.Logger) {
	t := time.NewTicker(FollowEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := f.CatchUp(ctx); err != nil && ctx.Err() == nil {
			log.Warn("learning what other processes stored failed; trying again", "err", err)
		}
	}
}

// Start relearns p's sources from store (Relearn) and returns a Follower
// of what is stored after: the start of every process that parses
// articles.
func Start(ctx context.Context, log *slog.Logger, store Followed, p geo.Learner) (*Follower, error) {
	since, err := store.Version(ctx)
	if err != nil {
		return nil, err
	}
	upTo, err := store.LastArticleID(ctx)
	if err != nil {
		return nil, err
	}
	if err := Relearn(ctx, log, store, p, upTo); err != nil {
		return nil, err
	}
	if err := teachCorrections(ctx, store, p); err != nil {
		return nil, err
	}
	return NewFollower(store, p, since, upTo), nil
}

// teachCorrections gives p the lessons of the analysts' corrections in
// force, when the store keeps them and p can follow them.
func teachCorrections(ctx context.Context, store any, p any) error {
	src, ok := store.(geo.LessonSource)
	t, teachable := p.(geo.CorrectionTeacher)
	if !ok || !teachable {
		return nil
	}
	ls, err := src.CorrectionLessons(ctx)
	if err == nil {
		t.LearnCorrections(ls)
	}
	return err
}
