// Package throttle paces message submission.
package throttle

import "time"

// Pacer lets one message through per tick.
type Pacer struct {
	tick *time.Ticker
}

// NewPacer returns a pacer allowing rate messages per second.
func NewPacer(rate int) *Pacer {
	return &Pacer{tick: time.NewTicker(time.Second / time.Duration(rate))}
}

// Wait blocks until the next message may be submitted.
func (p *Pacer) Wait() {
	<-p.tick.C
}

// Stop releases the pacer's ticker.
func (p *Pacer) Stop() { p.tick.Stop() }
