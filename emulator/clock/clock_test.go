package clock

import (
	"errors"
	"sync"
	"testing"
	"time"
)

func TestAdvance(t *testing.T) {
	wall := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	c := New(func() time.Time { return wall })
	tests := []struct {
		name       string
		advance    time.Duration
		wantErr    error
		wantOffset time.Duration
	}{
		{"zero", 0, nil, 0},
		{"sixteen minutes", 16 * time.Minute, nil, 16 * time.Minute},
		{"adds up", time.Hour, nil, time.Hour + 16*time.Minute},
		{"never back", -time.Second, ErrBackwards, time.Hour + 16*time.Minute},
	}
	for _, tt := range tests {
		got, err := c.Advance(tt.advance)
		if !errors.Is(err, tt.wantErr) {
			t.Fatalf("%s: Advance(%v) error = %v, want %v", tt.name, tt.advance, err, tt.wantErr)
		}
		if got != tt.wantOffset || c.Offset() != tt.wantOffset {
			t.Fatalf("%s: offset = %v (Offset() %v), want %v", tt.name, got, c.Offset(), tt.wantOffset)
		}
		if !c.Now().Equal(wall.Add(tt.wantOffset)) {
			t.Fatalf("%s: Now = %v, want %v", tt.name, c.Now(), wall.Add(tt.wantOffset))
		}
		if !c.Wall().Equal(wall) {
			t.Fatalf("%s: Wall = %v moved, want %v", tt.name, c.Wall(), wall)
		}
	}
}

func TestAdvanceConcurrent(t *testing.T) {
	c := New(nil)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if _, err := c.Advance(time.Second); err != nil {
					t.Error(err)
				}
				_ = c.Now()
			}
		}()
	}
	wg.Wait()
	if got := c.Offset(); got != 800*time.Second {
		t.Fatalf("offset after 800 advances of 1s = %v", got)
	}
}

// TestAdvanceNeverWrapsBack: two advances of 2562047h (POST
// /_fakeaws/clock twice) passed the largest offset, which wrapped negative
// and put the clock 1h34m behind the wall clock, so credentials already
// judged expired came back. The second advance is refused and the offset
// stays.
func TestAdvanceNeverWrapsBack(t *testing.T) {
	wall := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	c := New(func() time.Time { return wall })
	first, err := c.Advance(2562047 * time.Hour)
	if err != nil {
		t.Fatalf("first advance: %v", err)
	}
	got, err := c.Advance(2562047 * time.Hour)
	if !errors.Is(err, ErrTooFar) {
		t.Errorf("second advance: err %v, want ErrTooFar", err)
	}
	if got != first || c.Offset() != first || !c.Now().After(wall) {
		t.Errorf("after the refused advance: returned %v, offset %v, now %v; want offset %v, now after %v", got, c.Offset(), c.Now(), first, wall)
	}
	if _, err := c.Advance(time.Duration(1<<63 - 1 - int64(first))); err != nil {
		t.Errorf("advance to exactly the largest offset: %v", err)
	}
	if _, err := c.Advance(1); !errors.Is(err, ErrTooFar) || c.Offset() < 0 {
		t.Errorf("one nanosecond past the largest offset: err %v, offset %v", err, c.Offset())
	}
}
