// Package clock is fakeaws's movable clock. Every expiry fakeaws judges —
// session credentials, presigned URLs, MFA codes, Object Lock retention,
// aws:CurrentTime and aws:EpochTime, the OIDC issuer's tokens — reads Now,
// which is the wall clock plus an offset that tests move forward with
// Advance. The SigV4 request-time check keeps reading the wall clock (Wall),
// so clients that sign with real time keep working after a jump.
package clock

import (
	"errors"
	"math"
	"sync/atomic"
	"time"
)

// Clock is the wall clock moved forward by an offset. The zero value is not
// usable; make one with New. It is safe for concurrent use.
type Clock struct {
	wall   func() time.Time
	offset atomic.Int64 // nanoseconds, never negative
}

// New returns a clock over wall (time.Now when nil) with no offset.
func New(wall func() time.Time) *Clock {
	if wall == nil {
		wall = time.Now
	}
	return &Clock{wall: wall}
}

// ErrBackwards is returned by Advance for a negative duration: the clock
// only moves forward, so nothing already judged expired comes back.
var ErrBackwards = errors.New("the clock moves forward only")

// Now is the moved time: the wall clock plus the offset.
func (c *Clock) Now() time.Time { return c.wall().Add(c.Offset()) }

// Wall is the unmoved time, for checks against what clients sign with.
func (c *Clock) Wall() time.Time { return c.wall() }

// Offset is how far Now runs ahead of Wall.
func (c *Clock) Offset() time.Duration { return time.Duration(c.offset.Load()) }

// ErrTooFar is returned by Advance when the offset would pass the largest
// time.Duration (about 292 years): added anyway it would wrap negative and
// move the clock back.
var ErrTooFar = errors.New("the clock's offset would pass its largest value (about 292 years)")

// Advance moves Now forward by d and returns the new offset.
func (c *Clock) Advance(d time.Duration) (time.Duration, error) {
	if d < 0 {
		return c.Offset(), ErrBackwards
	}
	for {
		cur := c.offset.Load()
		if cur > math.MaxInt64-int64(d) {
			return time.Duration(cur), ErrTooFar
		}
		if c.offset.CompareAndSwap(cur, cur+int64(d)) {
			return time.Duration(cur + int64(d)), nil
		}
	}
}
