// Command loadgen drives an S3/STS/IAM endpoint (fakeaws or moto_server)
// with signed requests from many goroutines and prints one JSON line per
// measurement, so bench/compare.sh can put both servers side by side with
// the same client.
//
//	loadgen -endpoint http://127.0.0.1:4566 -op getobject -c 64 -d 10s
//	loadgen -op startup -endpoint http://127.0.0.1:PORT -- /path/to/fakeaws --addr ...
//	loadgen -op freeport
//
// Operations: getobject and presigned (1 KiB GET, header-signed or
// presigned), putobject (1 KiB header-signed PUT with its SHA-256),
// deleteobject (DeleteObject in a versioned bucket: a delete marker each),
// assumerole, getsessiontoken, callerid, fill (-n objects into the list
// bucket), list (ListObjectsV2 pages of 1,000 over the list bucket),
// bigput (-size bytes streamed in one PUT), startup (start the command
// after "--", time to its first HTTP answer and its RSS then), freeport.
//
// The timed operations (all but fill, list, bigput, startup) sign each
// request once per client goroutine, before the clock starts, and send the
// same bytes again over that goroutine's own keep-alive connection until
// the signature is a minute old, then sign afresh. AWS accepts a signed request for 15
// minutes after its X-Amz-Date, replays included, and both servers still
// verify the signature of every request they receive. Signing every
// request anew through http.Transport cost the client about as much CPU
// as fakeaws spent serving it, on the same cores, so the figures measured
// the client as much as the server. Answers are read by a small HTTP/1.x
// reader of status line, framing headers and body (answer.go), not
// http.ReadResponse. Each result reports the client's own CPU time
// (client_cpu_ms).
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// result is one measurement, printed as a JSON line.
type result struct {
	Op          string  `json:"op"`
	Concurrency int     `json:"concurrency,omitempty"`
	OK          int64   `json:"ok,omitempty"`
	Failed      int64   `json:"failed,omitempty"`
	Rate        float64 `json:"rate,omitempty"` // requests per second
	P50ms       float64 `json:"p50_ms,omitempty"`
	P99ms       float64 `json:"p99_ms,omitempty"`
	Ms          float64 `json:"ms,omitempty"` // startup: time to first answer; list: median page time
	RSSMB       float64 `json:"rss_mb,omitempty"`
	// ClientCPUms is the CPU time (user and system) loadgen itself spent
	// during the measurement.
	ClientCPUms float64 `json:"client_cpu_ms,omitempty"`
	// ServerCPUms (startup) is the CPU time the server process had used
	// when it first answered: on a busy machine it moves less than Ms.
	ServerCPUms float64 `json:"server_cpu_ms,omitempty"`
	Port        int     `json:"port,omitempty"`
}

type options struct {
	endpoint, op, key, secret string
	conc, n                   int
	dur                       time.Duration
	size                      int64
	command                   []string
}

func main() {
	var o options
	flag.StringVar(&o.endpoint, "endpoint", "http://127.0.0.1:4566", "server URL")
	flag.StringVar(&o.op, "op", "getobject", "operation (see the command doc)")
	flag.IntVar(&o.conc, "c", 64, "concurrent clients")
	flag.DurationVar(&o.dur, "d", 10*time.Second, "duration")
	flag.StringVar(&o.key, "key", "111111111111", "access key id of the account root")
	flag.StringVar(&o.secret, "secret", "test", "secret access key")
	flag.IntVar(&o.n, "n", 100000, "objects for fill")
	flag.Int64Var(&o.size, "size", 1<<30, "bytes for bigput")
	flag.Parse()
	o.command = flag.Args()
	res, err := run(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
}

func run(o options) (*result, error) {
	switch o.op {
	case "freeport":
		return freePort()
	case "startup":
		return startup(o)
	}
	c := newClient(o)
	switch o.op {
	case "fill":
		return c.fill(o)
	case "list":
		return c.list(o)
	case "bigput":
		return c.bigPut(o)
	}
	work, err := c.prepare(o.op)
	if err != nil {
		return nil, fmt.Errorf("prepare %s: %w", o.op, err)
	}
	return hammer(o, work)
}

// client signs and sends requests.
type client struct {
	endpoint string
	creds    aws.Credentials
	signer   *v4.Signer
	http     *http.Client
}

func newClient(o options) *client {
	return &client{endpoint: o.endpoint, creds: aws.Credentials{AccessKeyID: o.key, SecretAccessKey: o.secret},
		signer: v4.NewSigner(),
		http:   &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.conc + 8, MaxIdleConns: o.conc + 8}}}
}

// send signs (for service) and sends a request with body, returning the
// status and response body.
func (c *client) send(creds aws.Credentials, method, url, service string, body []byte) (int, []byte, error) {
	req, err := c.sign(creds, method, url, service, body, time.Now())
	if err != nil {
		return 0, nil, err
	}
	return c.do(req)
}

// sign returns the request signed (for service) at now.
func (c *client) sign(creds aws.Credentials, method, url, service string, body []byte, now time.Time) (*http.Request, error) {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if body == nil {
		req.Body, req.GetBody = nil, nil
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if service == "s3" {
		req.Header.Set("X-Amz-Content-Sha256", hash)
	} else {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if err := c.signer.SignHTTP(context.Background(), creds, req, hash, service, "us-east-1", now); err != nil {
		return nil, err
	}
	return req, nil
}

func (c *client) do(req *http.Request) (int, []byte, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// call sends an IAM/STS Query API call.
func (c *client) call(creds aws.Credentials, service, form string) (int, []byte, error) {
	return c.send(creds, http.MethodPost, c.endpoint+"/", service, []byte(form))
}

func (c *client) must(code int, body []byte, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	if code != 200 {
		return nil, fmt.Errorf("status %d: %.300s", code, body)
	}
	return body, nil
}

var (
	accountRE = regexp.MustCompile(`<Account>(\d+)</Account>`)
	akidRE    = regexp.MustCompile(`<AccessKeyId>([^<]+)</AccessKeyId>`)
	secretRE  = regexp.MustCompile(`<SecretAccessKey>([^<]+)</SecretAccessKey>`)
)

// userKey makes an IAM user allowed everything and returns its key and
// its account.
func (c *client) userKey() (aws.Credentials, string, error) {
	body, err := c.must(c.call(c.creds, "sts", "Action=GetCallerIdentity&Version=2011-06-15"))
	if err != nil {
		return aws.Credentials{}, "", err
	}
	m := accountRE.FindSubmatch(body)
	if m == nil {
		return aws.Credentials{}, "", errors.New("no account in GetCallerIdentity")
	}
	account := string(m[1])
	user := fmt.Sprintf("bench-%d", time.Now().UnixNano())
	allowAll := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	if _, err := c.must(c.call(c.creds, "iam", "Action=CreateUser&Version=2010-05-08&UserName="+user)); err != nil {
		return aws.Credentials{}, "", err
	}
	if _, err := c.must(c.call(c.creds, "iam", "Action=PutUserPolicy&Version=2010-05-08&UserName="+user+
		"&PolicyName=all&PolicyDocument="+urlEncode(allowAll))); err != nil {
		return aws.Credentials{}, "", err
	}
	body, err = c.must(c.call(c.creds, "iam", "Action=CreateAccessKey&Version=2010-05-08&UserName="+user))
	if err != nil {
		return aws.Credentials{}, "", err
	}
	id, secret := akidRE.FindSubmatch(body), secretRE.FindSubmatch(body)
	if id == nil || secret == nil {
		return aws.Credentials{}, "", errors.New("no key in CreateAccessKey")
	}
	return aws.Credentials{AccessKeyID: string(id[1]), SecretAccessKey: string(secret[1])}, account, nil
}

func urlEncode(s string) string {
	var b strings.Builder
	for _, r := range []byte(s) {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			b.WriteByte(r)
		} else {
			fmt.Fprintf(&b, "%%%02X", r)
		}
	}
	return b.String()
}

// newWork makes one client goroutine's request work, signing its requests
// before it returns: hammer calls it for every goroutine before the clock
// starts, so only sending and reading answers is timed.
type newWork func() (func() bool, error)

// prepare sets up what op needs and returns a maker of one client
// goroutine's request work.
func (c *client) prepare(op string) (newWork, error) {
	kib := []byte(strings.Repeat("x", 1024))
	object := c.endpoint + "/loadgen-bucket/key"
	ensureObject := func() error {
		if code, body, err := c.send(c.creds, http.MethodPut, c.endpoint+"/loadgen-bucket", "s3", nil); err != nil || (code != 200 && code != 409) {
			return fmt.Errorf("create bucket: %d %v %.200s", code, err, body)
		}
		_, err := c.must(c.send(c.creds, http.MethodPut, object, "s3", kib))
		return err
	}
	switch op {
	case "getobject":
		if err := ensureObject(); err != nil {
			return nil, err
		}
		return func() (func() bool, error) { return c.resend(c.creds, http.MethodGet, object, "s3", nil) }, nil
	case "presigned":
		if err := ensureObject(); err != nil {
			return nil, err
		}
		req, _ := http.NewRequest(http.MethodGet, object+"?X-Amz-Expires=3600", nil)
		url, _, err := c.signer.PresignHTTP(context.Background(), c.creds, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
		if err != nil {
			return nil, err
		}
		return c.resendURL(url)
	case "putobject":
		if err := ensureObject(); err != nil {
			return nil, err
		}
		// Each goroutine writes its own share of the 10,000 keys, one
		// signed request per key, signed before the clock starts and
		// kept for resending.
		return c.cycleKeys(http.MethodPut, "loadgen-bucket", "put", kib), nil
	case "deleteobject":
		// Every DeleteObject in a versioned bucket is a write: it stores
		// a delete marker, whether or not the key has a version.
		if err := c.ensureVersionedBucket(); err != nil {
			return nil, err
		}
		return c.cycleKeys(http.MethodDelete, "loadgen-versions", "del", nil), nil
	case "callerid":
		return c.query(c.creds, "sts", "Action=GetCallerIdentity&Version=2011-06-15"), nil
	case "getsessiontoken":
		user, _, err := c.userKey()
		if err != nil {
			return nil, err
		}
		return c.query(user, "sts", "Action=GetSessionToken&Version=2011-06-15"), nil
	case "assumerole":
		user, account, err := c.userKey()
		if err != nil {
			return nil, err
		}
		role := fmt.Sprintf("bench-role-%d", time.Now().UnixNano())
		trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account + `:root"},"Action":"sts:AssumeRole"}]}`
		if _, err := c.must(c.call(c.creds, "iam", "Action=CreateRole&Version=2010-05-08&RoleName="+role+
			"&AssumeRolePolicyDocument="+urlEncode(trust))); err != nil {
			return nil, err
		}
		form := "Action=AssumeRole&Version=2011-06-15&RoleSessionName=bench&RoleArn=" +
			urlEncode("arn:aws:iam::"+account+":role/"+role)
		return c.query(user, "sts", form), nil
	}
	return nil, fmt.Errorf("unknown op %q", op)
}

// putKeysPerWorker is how many keys each putobject (and deleteobject)
// goroutine cycles through (64 goroutines: ~10,000 keys, as before
// requests were resent).
const putKeysPerWorker = 160

// cycleKeys returns a maker of goroutine work that sends method with body
// to keys of its own in bucket (PREFIX-GOROUTINE-N), one signed request
// per key, signed before the clock starts and kept for resending, over
// one keep-alive connection per goroutine.
func (c *client) cycleKeys(method, bucket, prefix string, body []byte) newWork {
	var worker atomic.Int64
	return func() (func() bool, error) {
		w := worker.Add(1)
		reqs := make([]*resender, putKeysPerWorker)
		conn := new(wireConn)
		for i := range reqs {
			key := fmt.Sprintf("%s/%s/%s-%d-%d", c.endpoint, bucket, prefix, w, i)
			r, err := c.resendFrom(conn, c.creds, method, key, "s3", body)
			if err != nil {
				return nil, err
			}
			reqs[i] = r
		}
		next := 0
		return func() bool {
			r := reqs[next%len(reqs)]
			next++
			return r.do()
		}, nil
	}
}

// ensureVersionedBucket creates loadgen-versions with versioning enabled.
func (c *client) ensureVersionedBucket() error {
	bucket := c.endpoint + "/loadgen-versions"
	if code, body, err := c.send(c.creds, http.MethodPut, bucket, "s3", nil); err != nil || (code != 200 && code != 409) {
		return fmt.Errorf("create bucket: %d %v %.200s", code, err, body)
	}
	enable := []byte(`<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>`)
	_, err := c.must(c.send(c.creds, http.MethodPut, bucket+"?versioning", "s3", enable))
	return err
}

// query returns a maker of goroutine work that resends one signed Query
// API call.
func (c *client) query(creds aws.Credentials, service, form string) newWork {
	return func() (func() bool, error) {
		return c.resend(creds, http.MethodPost, c.endpoint+"/", service, []byte(form))
	}
}

// resignAfter is how long a signed request is sent again before it is
// signed afresh: well inside the 15 minutes AWS allows.
const resignAfter = time.Minute

// resender sends one signed request again and again over its own
// keep-alive connection, signing it afresh once it is resignAfter old. It
// belongs to one goroutine.
type resender struct {
	c                    *client
	creds                aws.Credentials
	method, url, service string
	body                 []byte
	req                  *http.Request
	wire                 []byte // req as sent: request line, headers, body
	signed               time.Time
	conn                 *wireConn
}

// resend returns the work of sending one request, signed now, again and
// again over a connection of its own.
func (c *client) resend(creds aws.Credentials, method, url, service string, body []byte) (func() bool, error) {
	r, err := c.resendFrom(new(wireConn), creds, method, url, service, body)
	if err != nil {
		return nil, err
	}
	return r.do, nil
}

// resendFrom returns a resender over conn with its request signed now.
func (c *client) resendFrom(conn *wireConn, creds aws.Credentials, method, url, service string, body []byte) (*resender, error) {
	r := &resender{c: c, creds: creds, method: method, url: url, service: service, body: body, conn: conn}
	if err := r.sign(time.Now()); err != nil {
		return nil, err
	}
	return r, nil
}

// sign signs the request afresh at now.
func (r *resender) sign(now time.Time) error {
	req, err := r.c.sign(r.creds, r.method, r.url, r.service, r.body, now)
	if err != nil {
		return err
	}
	if r.wire, err = wireBytes(req); err != nil {
		return err
	}
	r.req, r.signed = req, now
	return nil
}

// do sends the request once and reports whether it answered 2xx.
func (r *resender) do() bool {
	if now := time.Now(); now.Sub(r.signed) > resignAfter {
		if err := r.sign(now); err != nil {
			return false
		}
	}
	return r.conn.roundTrip(r.req, r.wire)
}

// wireBytes is req as an HTTP/1.1 client sends it.
func wireBytes(req *http.Request) ([]byte, error) {
	var b bytes.Buffer
	if err := req.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// resendURL returns a maker of goroutine work that sends a GET of url
// (a presigned URL) again and again.
func (c *client) resendURL(url string) (newWork, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	raw, err := wireBytes(req)
	if err != nil {
		return nil, err
	}
	return func() (func() bool, error) {
		var conn wireConn
		return func() bool { return conn.roundTrip(req, raw) }, nil
	}, nil
}

// wireConn is one keep-alive HTTP/1.1 connection driven directly: the
// request's bytes are written as prepared and the answer is read by
// readAnswer, with none of http.Transport's per-request goroutine
// hand-offs, so the client's own CPU stays small beside the server's.
type wireConn struct {
	nc net.Conn
	br *bufio.Reader
}

// roundTrip writes raw (req's bytes), reads the answer to its end and
// reports whether it was a success (2xx: DeleteObject answers 204). A connection the server closed is redialled
// and the request sent once more, as http.Transport does with a
// keep-alive connection that went stale.
func (w *wireConn) roundTrip(req *http.Request, raw []byte) bool {
	for attempt := 0; attempt < 2; attempt++ {
		reused := w.nc != nil
		if !reused {
			nc, err := net.Dial("tcp", req.URL.Host)
			if err != nil {
				return false
			}
			w.nc, w.br = nc, bufio.NewReaderSize(nc, 16<<10)
		}
		code, err := w.exchange(req, raw)
		if err == nil {
			return code/100 == 2
		}
		w.nc.Close()
		w.nc = nil
		if !reused {
			return false
		}
	}
	return false
}

func (w *wireConn) exchange(req *http.Request, raw []byte) (int, error) {
	if _, err := w.nc.Write(raw); err != nil {
		return 0, err
	}
	a, err := readAnswer(w.br, req.Method == http.MethodHead)
	if err == nil && a.close {
		w.nc.Close()
		w.nc = nil
	}
	return a.code, err
}

// hammer runs work from o.conc goroutines for o.dur. It makes every
// goroutine's work (signing its requests) first; then the clock and the
// client CPU count start, and each goroutine calls its work in a loop.
func hammer(o options, makeWork newWork) (*result, error) {
	var okN, failed atomic.Int64
	lat := make([][]time.Duration, o.conc)
	works := make([]func() bool, o.conc)
	for i := range works {
		// Room for a goroutine's latencies of a 5-10 s run at today's
		// rates, made before the clock starts: growing the slices while
		// timing was about 2% of loadgen's CPU. A longer run grows them.
		lat[i] = make([]time.Duration, 0, 8192)
		w, err := makeWork()
		if err != nil {
			return nil, fmt.Errorf("sign requests: %w", err)
		}
		works[i] = w
	}
	before := cpuTime()
	deadline := time.Now().Add(o.dur)
	var wg sync.WaitGroup
	for i, work := range works {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				start := time.Now()
				if !work() {
					failed.Add(1)
					continue
				}
				lat[i] = append(lat[i], time.Since(start))
				okN.Add(1)
			}
		}()
	}
	wg.Wait()
	cpu := cpuTime() - before
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	p50, p99 := percentiles(all)
	return &result{Op: o.op, Concurrency: o.conc, OK: okN.Load(), Failed: failed.Load(),
		Rate: float64(okN.Load()) / o.dur.Seconds(), P50ms: p50, P99ms: p99,
		ClientCPUms: float64(cpu.Microseconds()) / 1000}, nil
}

func percentiles(d []time.Duration) (p50, p99 float64) {
	if len(d) == 0 {
		return 0, 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	ms := func(q float64) float64 { return float64(d[int(q*float64(len(d)-1))].Microseconds()) / 1000 }
	return ms(0.50), ms(0.99)
}

const listBucket = "loadgen-list"

// fill puts o.n small objects into the list bucket.
func (c *client) fill(o options) (*result, error) {
	if code, body, err := c.send(c.creds, http.MethodPut, c.endpoint+"/"+listBucket, "s3", nil); err != nil || (code != 200 && code != 409) {
		return nil, fmt.Errorf("create bucket: %d %v %.200s", code, err, body)
	}
	var next, failed atomic.Int64
	body := []byte(strings.Repeat("y", 100))
	start := time.Now()
	var wg sync.WaitGroup
	for range o.conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(o.n) {
					return
				}
				url := fmt.Sprintf("%s/%s/obj/%08d", c.endpoint, listBucket, i)
				if code, _, err := c.send(c.creds, http.MethodPut, url, "s3", body); err != nil || code != 200 {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	return &result{Op: "fill", Concurrency: o.conc, OK: int64(o.n) - failed.Load(), Failed: failed.Load(),
		Rate: float64(o.n) / el.Seconds()}, nil
}

// list times ListObjectsV2 pages of 1,000 keys over the list bucket, one
// client, for o.dur; Ms is the median page time.
func (c *client) list(o options) (*result, error) {
	o.conc = 1
	token := ""
	tokenRE := regexp.MustCompile(`<NextContinuationToken>([^<]+)</NextContinuationToken>`)
	work := func() bool {
		url := c.endpoint + "/" + listBucket + "?list-type=2&max-keys=1000"
		if token != "" {
			url += "&continuation-token=" + urlEncode(token)
		}
		code, body, err := c.send(c.creds, http.MethodGet, url, "s3", nil)
		if err != nil || code != 200 {
			return false
		}
		token = ""
		if m := tokenRE.FindSubmatch(body); m != nil {
			token = string(m[1])
		}
		return true
	}
	res, err := hammer(o, func() (func() bool, error) { return work, nil })
	if err != nil {
		return nil, err
	}
	res.Ms = res.P50ms
	return res, nil
}

// bigPut streams o.size bytes in one unsigned-payload PUT.
func (c *client) bigPut(o options) (*result, error) {
	if code, body, err := c.send(c.creds, http.MethodPut, c.endpoint+"/loadgen-big", "s3", nil); err != nil || (code != 200 && code != 409) {
		return nil, fmt.Errorf("create bucket: %d %v %.200s", code, err, body)
	}
	req, err := http.NewRequest(http.MethodPut, c.endpoint+"/loadgen-big/big", io.LimitReader(zeros{}, o.size))
	if err != nil {
		return nil, err
	}
	req.ContentLength = o.size
	req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	if err := c.signer.SignHTTP(context.Background(), c.creds, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		return nil, err
	}
	start := time.Now()
	if _, err := c.must(c.do(req)); err != nil {
		return nil, err
	}
	return &result{Op: "bigput", OK: 1, Ms: float64(time.Since(start).Milliseconds())}, nil
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// startup starts o.command, polls o.endpoint until anything answers, and
// reports the time that took and the process's RSS then. The process is
// left running; its pid is printed to stderr for the caller to stop.
func startup(o options) (*result, error) {
	if len(o.command) == 0 {
		return nil, errors.New("startup needs a command after --")
	}
	cmd := exec.Command(o.command[0], o.command[1:]...)
	// /dev/null, not io.Discard: io.Discard is a pipe drained by this
	// process, and once loadgen exits the server's next log line would
	// meet a broken pipe and SIGPIPE would kill it before its graceful
	// shutdown finished.
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	defer null.Close()
	cmd.Stdout, cmd.Stderr = null, null
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	fmt.Fprintln(os.Stderr, cmd.Process.Pid)
	hc := &http.Client{Timeout: time.Second}
	for time.Since(start) < 60*time.Second {
		resp, err := hc.Get(o.endpoint + "/")
		if err == nil {
			resp.Body.Close()
			el := time.Since(start)
			return &result{Op: "startup", Ms: float64(el.Microseconds()) / 1000, RSSMB: RSS(cmd.Process.Pid, "VmRSS"),
				ServerCPUms: processCPU(cmd.Process.Pid)}, nil
		}
		time.Sleep(time.Millisecond)
	}
	_ = cmd.Process.Kill()
	return nil, errors.New("no answer within 60s")
}

// RSS reads a memory figure (VmRSS, VmHWM) of pid in MB.
func RSS(pid int, field string) float64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}

// processCPU is the CPU time (in ms) the threads of process pid have run,
// summed from /proc/PID/task/*/schedstat (nanoseconds, unlike the 10 ms
// ticks of /proc/PID/stat); 0 when unreadable.
func processCPU(pid int) float64 {
	tasks, err := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/task")
	if err != nil {
		return 0
	}
	var ns float64
	for _, t := range tasks {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/task/" + t.Name() + "/schedstat")
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) > 0 {
			v, _ := strconv.ParseFloat(f[0], 64)
			ns += v
		}
	}
	return ns / 1e6
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func freePort() (*result, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	defer ln.Close()
	return &result{Op: "freeport", Port: ln.Addr().(*net.TCPAddr).Port}, nil
}
