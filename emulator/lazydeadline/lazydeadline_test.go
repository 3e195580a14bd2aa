package lazydeadline

import (
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

func TestMove(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		set, to  time.Time
		wantSet  bool
		scenario string
	}{
		{"first deadline", time.Time{}, now.Add(time.Minute), true, "no socket deadline yet"},
		{"cleared", now.Add(time.Minute), time.Time{}, false, "a stale deadline is retried past"},
		{"passed", now.Add(time.Minute), now.Add(-time.Hour), true, "stop reading now"},
		{"now", now.Add(time.Minute), now, true, "stop reading now"},
		{"passed, just before the socket's", now.Add(-time.Second), now.Add(-1500 * time.Millisecond), true, "stop reading now"},
		{"passed, after the socket's, which has passed too", now.Add(-time.Hour), now.Add(-time.Second), false, "reads fail at once either way"},
		{"later", now.Add(30 * time.Second), now.Add(2 * time.Minute), false, "retried on the earlier one"},
		{"much earlier", now.Add(2 * time.Minute), now.Add(30 * time.Second), true, "must fire on time"},
		{"slightly earlier", now.Add(time.Minute), now.Add(time.Minute - 900*time.Millisecond), false, "within the 1 s slack"},
		{"earlier by more than a second", now.Add(time.Minute), now.Add(time.Minute - 1100*time.Millisecond), true, "past the slack"},
		{"short deadline, earlier by its eighth", now.Add(300 * time.Millisecond), now.Add(200 * time.Millisecond), true, "slack 25 ms"},
		{"short deadline, within its eighth", now.Add(210 * time.Millisecond), now.Add(200 * time.Millisecond), false, "slack 25 ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := deadline{set: tt.set}
			if got := d.move(tt.to, func() time.Time { return now }); got != tt.wantSet {
				t.Errorf("move(%v) with socket deadline %v = %v, want %v (%s)", tt.to, tt.set, got, tt.wantSet, tt.scenario)
			}
			if !d.want.Equal(tt.to) {
				t.Errorf("want = %v, asked %v", d.want, tt.to)
			}
		})
	}
}

// pair is a wrapped server side and a plain client side of a loopback
// connection.
func pair(t *testing.T) (server net.Conn, client net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	wrapped := Listener(ln)
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := wrapped.Accept()
		if err != nil {
			accepted <- nil
			return
		}
		accepted <- c
	}()
	client, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	select {
	case server = <-accepted:
	case <-time.After(time.Minute):
		t.Fatal("accept hung")
	}
	if server == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { server.Close() })
	return server, client
}

// TestLaterDeadlineIsHonoured: a read under a deadline moved later than
// the socket's succeeds when data comes between the two, and a read under
// a cleared deadline waits for data.
func TestLaterDeadlineIsHonoured(t *testing.T) {
	for _, later := range []time.Duration{time.Minute, 0} {
		server, client := pair(t)
		_ = server.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		if later == 0 {
			_ = server.SetReadDeadline(time.Time{})
		} else {
			_ = server.SetReadDeadline(time.Now().Add(later))
		}
		go func() {
			time.Sleep(300 * time.Millisecond)
			_, _ = client.Write([]byte("x"))
		}()
		buf := make([]byte, 1)
		if n, err := server.Read(buf); n != 1 || err != nil {
			t.Errorf("deadline moved to %v: read = %d, %v; want the byte sent after the first deadline", later, n, err)
		}
	}
}

// TestDeadlineNeverFiresEarly: a read times out only once the deadline
// asked for has passed, though the socket had an earlier one.
func TestDeadlineNeverFiresEarly(t *testing.T) {
	server, _ := pair(t)
	_ = server.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	want := time.Now().Add(200 * time.Millisecond)
	_ = server.SetReadDeadline(want)
	done := make(chan error, 1)
	go func() {
		_, err := server.Read(make([]byte, 1))
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("read = %v, want a timeout", err)
		}
		if now := time.Now(); now.Before(want) {
			t.Errorf("read timed out %v before its deadline", want.Sub(now))
		}
	case <-time.After(time.Minute):
		t.Fatal("read never timed out")
	}
}

// TestPassedDeadlineStopsRead: net/http stops its background read by
// setting a deadline in the past; it must reach the blocked read.
func TestPassedDeadlineStopsRead(t *testing.T) {
	server, client := pair(t)
	_ = server.SetReadDeadline(time.Now().Add(time.Hour))
	done := make(chan error, 1)
	go func() {
		_, err := server.Read(make([]byte, 1))
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	_ = server.SetReadDeadline(time.Unix(1, 0))
	select {
	case err := <-done:
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("read = %v, want a timeout", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("a deadline in the past did not stop the read")
	}
	// Cleared again, the connection reads on.
	_ = server.SetReadDeadline(time.Time{})
	go func() {
		time.Sleep(50 * time.Millisecond)
		_, _ = client.Write([]byte("x"))
	}()
	if n, err := server.Read(make([]byte, 1)); n != 1 || err != nil {
		t.Errorf("read after the deadline was cleared = %d, %v; want the byte", n, err)
	}
}

// TestStaleWriteDeadlineIsRetried: a write that outlives the socket's
// earlier write deadline but not the one asked for completes.
func TestStaleWriteDeadlineIsRetried(t *testing.T) {
	server, client := pair(t)
	_ = server.SetWriteDeadline(time.Now().Add(50 * time.Millisecond))
	_ = server.SetWriteDeadline(time.Now().Add(time.Minute))
	payload := make([]byte, 16<<20) // more than the socket buffers hold
	got := make(chan int64, 1)
	go func() {
		time.Sleep(300 * time.Millisecond) // past the socket's deadline
		n, _ := io.Copy(io.Discard, client)
		got <- n
	}()
	n, err := server.Write(payload)
	if n != len(payload) || err != nil {
		t.Fatalf("write = %d, %v; want all %d bytes", n, err, len(payload))
	}
	server.Close()
	select {
	case n := <-got:
		if n != int64(len(payload)) {
			t.Errorf("client read %d bytes, want %d", n, len(payload))
		}
	case <-time.After(time.Minute):
		t.Fatal("client read hung")
	}
}

// TestWriteDeadlineCuts: a client that stops reading is cut at the
// deadline asked for.
func TestWriteDeadlineCuts(t *testing.T) {
	server, _ := pair(t)
	_ = server.SetWriteDeadline(time.Now().Add(time.Hour))
	want := time.Now().Add(200 * time.Millisecond)
	_ = server.SetWriteDeadline(want)
	done := make(chan error, 1)
	go func() {
		_, err := server.Write(make([]byte, 64<<20))
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("write = %v, want a timeout", err)
		}
		if now := time.Now(); now.Before(want) {
			t.Errorf("write timed out %v before its deadline", want.Sub(now))
		}
	case <-time.After(time.Minute):
		t.Fatal("write to a client that does not read never timed out")
	}
}
