// Package lazydeadline wraps fakeaws's listener so that the connection
// deadlines net/http and the server set on every request cost less.
//
// net/http moves a keep-alive connection's read deadline five or six times
// per request (idle wait, header timeout, cleared, cut short to stop its
// background read, cleared again) and the server moves the read and write
// deadlines for its body and response watches. Each move is a runtime timer
// update under the poller's lock. The wrapper keeps the deadline each
// caller asked for and hands the socket only the moves that matter:
//
//   - a deadline that has passed (net/http's "stop reading now") or one
//     earlier than the socket's by more than the slack is set at once;
//   - a later deadline, or none, is not set: the socket keeps its earlier
//     one, and a read or write that times out on it before the deadline
//     asked for is retried with that deadline set.
//
// So an operation never times out before the deadline asked for, and times
// out no later than the slack after it: an eighth of the time left when the
// deadline was set, at most one second (the server's timeouts are a minute
// or more; a test's short ones keep their precision).
package lazydeadline
