package ingest

import (
	"fmt"
	"io"
	"time"

	"mentionmap/geo"
)

// Report counts what an ingest did, and reports it to w every few seconds
// and at the end.
type Report struct {
	w                                           io.Writer
	start, last                                 time.Time
	Created, Existed, Failed, Mentions, Refused int
}

// Refuse reports a link that was not fetched.
func (p *Report) Refuse(link string) {
	p.Refused++
	fmt.Fprintf(p.w, "refused link: %s\n", link)
}

// NewReport returns a Report that writes to w.
func NewReport(w io.Writer) *Report {
	now := time.Now()
	return &Report{w: w, start: now, last: now}
}

// Add counts one article: stored, found stored already, or failed.
func (p *Report) Add(created bool, mentions int, err error) {
	switch {
	case err != nil:
		p.Failed++
		fmt.Fprintf(p.w, "skipped: %s\n", message(err))
	case created:
		p.Created++
		p.Mentions += mentions
	default:
		p.Existed++
	}
	if time.Since(p.last) > 2*time.Second {
		p.last = time.Now()
		fmt.Fprintf(p.w, "... %d articles (%.0f/s), %d mentions\n", p.Created+p.Existed,
			float64(p.Created+p.Existed)/time.Since(p.start).Seconds(), p.Mentions)
	}
}

// Done writes the summary.
func (p *Report) Done() {
	refused := ""
	if p.Refused > 0 {
		refused = fmt.Sprintf("; %d links refused (--allow-private-fetch fetches them)", p.Refused)
	}
	fmt.Fprintf(p.w, "ingested %d new articles with %d mentions; %d already stored; %d failed%s; in %s\n",
		p.Created, p.Mentions, p.Existed, p.Failed, refused, time.Since(p.start).Round(time.Millisecond))
}

// message is an error's text for the user: the message of an application
// error, or the error itself (file and line errors name their place).
func message(err error) string {
	if geo.ErrorCode(err) == geo.EINTERNAL {
		return err.Error()
	}
	return geo.ErrorMessage(err)
}
