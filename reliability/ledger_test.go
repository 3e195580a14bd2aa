package reliability

import (
	"hash/fnv"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// objectState is what the ledger knows of an object in killPlain.
type objectState int

const (
	// present: its PUT or CompleteMultipartUpload was acknowledged.
	present objectState = iota
	// deleting: a DeleteObjects naming it was sent, not acknowledged; it
	// may be there or gone.
	deleting
	// deleted: a DeleteObjects naming it was acknowledged.
	deleted
)

// object is an acknowledged object: its state and the ETag the server
// acknowledged.
type object struct {
	state objectState
	etag  string
}

// ackedVersion is an acknowledged PUT to killVersioned.
type ackedVersion struct {
	seq int
	id  string
}

// session is an acknowledged AssumeRole.
type session struct {
	role, name string
	creds      types.Credentials
}

// ledger records every write the server acknowledged (answered 2xx), to be
// checked after each restart.
type ledger struct {
	mu       sync.Mutex
	acks     int
	objects  map[string]object
	versions []ackedVersion
	roles    map[string]string // name → RoleId
	sessions []session
	nextSeq  int
}

func newLedger() *ledger {
	return &ledger{objects: map[string]object{}, roles: map[string]string{}}
}

func (l *ledger) ackObject(key, etag string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acks++
	l.objects[key] = object{state: present, etag: etag}
}

// takeForDelete marks up to n present objects as being deleted and returns
// their keys.
func (l *ledger) takeForDelete(n int) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var keys []string
	for k, o := range l.objects {
		if len(keys) == n {
			break
		}
		if o.state == present {
			o.state = deleting
			l.objects[k] = o
			keys = append(keys, k)
		}
	}
	return keys
}

func (l *ledger) ackDelete(keys []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acks++
	for _, k := range keys {
		l.objects[k] = object{state: deleted}
	}
}

// seq is the next sequence number of a versioned overwrite.
func (l *ledger) seq() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.nextSeq++
	return l.nextSeq
}

func (l *ledger) ackVersion(seq int, id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acks++
	l.versions = append(l.versions, ackedVersion{seq: seq, id: id})
}

func (l *ledger) ackRole(name, id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acks++
	l.roles[name] = id
}

func (l *ledger) ackSession(s session) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acks++
	l.sessions = append(l.sessions, s)
}

func (l *ledger) ackCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.acks
}

// plainBody is the content of key in killPlain, a function of the key
// alone, so any listed object can be checked, acknowledged or not.
// Multipart keys ("m-...") have a 5 MiB first part and a short last part.
func plainBody(key string) string {
	if key[0] == 'm' {
		return bodyOf(key, 1, 5<<20) + bodyOf(key, 2, 1000)
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	n := 512 + int(h.Sum32()%32768)
	if h.Sum32()%8 == 0 {
		n += store.InlineMax // a body file rather than an inline body
	}
	return bodyOf(key, 0, n)
}

// versionBody is the content of versioned overwrite seq: mostly inline
// bodies, every fourth one a file, so overwrites go both ways.
func versionBody(seq int) string {
	n := 1024 + seq%7*300
	if seq%4 == 3 {
		n += store.InlineMax
	}
	return bodyOf(versionedKey, seq, n)
}

// expired reports whether a session can no longer be used, with a margin
// for the time the check takes.
func (s session) expired() bool {
	return s.creds.Expiration != nil && time.Now().Add(time.Minute).After(*s.creds.Expiration)
}
