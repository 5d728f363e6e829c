package alerts

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"mentionmap/geo"
)

// Headers of a webhook POST. The signature is the hex HMAC-SHA256, on the
// watch's secret, of the timestamp, a dot and the body; a receiver that
// checks it and the timestamp's age refuses forgeries and replays.
const (
	HeaderSignature = "X-Mentionmap-Signature" // "sha256=" and the hex HMAC
	HeaderTimestamp = "X-Mentionmap-Timestamp" // Unix seconds of the attempt
	HeaderEvent     = "X-Mentionmap-Event"     // the event's id, the same at every attempt
	HeaderDelivery  = "X-Mentionmap-Delivery"  // the delivery's id, for the receiver to drop a repeat
)

// Sign is the signature of body sent at timestamp, as HeaderSignature
// carries it.
func Sign(secret, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// event is the JSON body of a webhook POST. Links are paths on the
// server that sent it.
type event struct {
	Watch struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	} `json:"watch"`
	ID    string `json:"id"`
	Kind  string `json:"kind"` // "new" or "rise"
	Title string `json:"title"`
	Text  string `json:"text"`
	Time  string `json:"time"`
	Place struct {
		ID       int64   `json:"id"`
		Name     string  `json:"name"`
		Kind     string  `json:"kind"`
		Country  string  `json:"country"`
		Lon      float64 `json:"lon"`
		Lat      float64 `json:"lat"`
		Mentions int     `json:"mentions"`
	} `json:"place"`
	Links map[string]string `json:"links"`
}

func payload(w *geo.Watch, e *geo.WatchEvent) ([]byte, error) {
	var ev event
	ev.Watch.ID, ev.Watch.Name = w.ID, w.Name
	ev.ID, ev.Kind, ev.Text, ev.Time = e.ID, e.Kind, e.Text, e.When.UTC().Format(time.RFC3339)
	ev.Title = e.Title(w)
	p := &e.Place
	ev.Place.ID, ev.Place.Name, ev.Place.Kind, ev.Place.Country = p.ID, p.Name, p.Kind, p.Country
	ev.Place.Lon, ev.Place.Lat, ev.Place.Mentions = p.Point.Lon(), p.Point.Lat(), p.Mentions
	ev.Links = map[string]string{
		"place": "/places/" + strconv.FormatInt(p.ID, 10),
		"map":   fmt.Sprintf("/#8/%.4f/%.4f", p.Point.Lat(), p.Point.Lon()),
		"feed":  "/watches/" + strconv.FormatInt(w.ID, 10) + "/feed.atom",
	}
	return json.Marshal(ev)
}

// deliverDue attempts every due delivery, a few at a time, claiming them
// in batches until none is left, and returns how many it attempted.
func (d *Dispatcher) deliverDue(ctx context.Context) (int, error) {
	watches, err := d.Store.Watches(ctx)
	if err != nil {
		return 0, err
	}
	attempted := 0
	byID := make(map[int64]*geo.Watch, len(watches))
	for i := range watches {
		byID[watches[i].ID] = &watches[i]
	}
	for ctx.Err() == nil {
		due, err := d.Store.ClaimDeliveries(ctx, d.clock(), lease, claimBatch)
		if err != nil || len(due) == 0 {
			return attempted, err
		}
		attempted += len(due)
		var wg sync.WaitGroup
		slots := make(chan struct{}, parallel)
		errs := make([]error, len(due))
		for i := range due {
			slots <- struct{}{}
			wg.Go(func() {
				defer func() { <-slots }()
				errs[i] = d.attempt(ctx, byID[due[i].WatchID], &due[i])
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return attempted, err
		}
	}
	return attempted, nil
}

// attempt posts one delivery and records the outcome. Only a failure to
// record it is an error: the webhook's own failures are the log's.
func (d *Dispatcher) attempt(ctx context.Context, w *geo.Watch, del *geo.Delivery) error {
	del.Attempts++
	now := d.clock().UTC().Truncate(time.Second)
	code, err := d.post(ctx, w, del, now)
	del.LastCode, del.LastError = code, ""
	switch {
	case err == nil && code/100 == 2:
		del.Status, del.Delivered = geo.DeliveryDelivered, &now
	default:
		if err != nil {
			del.LastError = err.Error()
		} else {
			del.LastError = "HTTP " + strconv.Itoa(code)
		}
		del.NextAt = now.Add(backoff(del.Attempts))
		if del.Attempts >= maxAttempts {
			del.Status = geo.DeliveryFailed
		}
	}
	// Recorded even when ctx has ended, so that a shutdown keeps the log.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return d.Store.FinishAttempt(rec, del)
}

// post sends del to w's webhook and returns the HTTP status.
func (d *Dispatcher) post(ctx context.Context, w *geo.Watch, del *geo.Delivery, now time.Time) (int, error) {
	if w == nil || w.Webhook == "" {
		return 0, errors.New("the watch has no webhook now")
	}
	timeout := d.Timeout
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	body := []byte(del.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.Webhook, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "mentionmap-webhook/1")
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderSignature, Sign(w.Secret, ts, body))
	req.Header.Set(HeaderEvent, del.EventID)
	req.Header.Set(HeaderDelivery, strconv.FormatInt(del.ID, 10))
	resp, err := d.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL, which may carry a token
		}
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
	return resp.StatusCode, nil
}

// backoff is the wait after the n-th failed attempt: 10 s, doubling, at
// most an hour.
func backoff(n int) time.Duration {
	b := firstBackoff << (n - 1)
	if n > 20 || b > maxBackoff {
		return maxBackoff
	}
	return b
}
