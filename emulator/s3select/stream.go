package s3select

import (
	"bytes"
	"io"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
)

// flushAt is the size at which selected records go out as a Records
// event; what remains at the end goes out as a last one.
const flushAt = 64 << 10

// contEvery is how long the query may run without sending anything before
// a Cont event goes out: S3 sends these "periodically to keep the TCP
// connection alive" (API_ContinuationEvent), and fakeaws's server cuts a
// response that makes no progress for a minute.
const contEvery = 10 * time.Second

// Stream is the answer to a query: the event stream of
// docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html,
// produced as it is read. Records events carry the selected records, then
// come a Progress event (when RequestProgress is enabled), the Stats
// event and the End event; a failure after the first event is an error
// event, the last message.
type Stream struct {
	obj       io.Closer
	scanned   *counter // bytes of the object read
	processed *counter // bytes after decompression
	src       source
	run       *runner
	progress  bool
	records   bytes.Buffer // selected records not yet sent
	out       bytes.Buffer // encoded messages not yet read
	returned  int64
	enc       *eventstream.Encoder
	done      bool
	contEvery time.Duration
	lastSent  time.Time // when the last message was encoded
	steps     int
}

// Select runs req over obj, the object's stored bytes (size of them),
// which the Stream closes. It works until the first event is ready: a failure before it is
// returned, to be answered as an HTTP error; a failure after it is an
// error event of the stream.
func Select(req *Request, obj io.ReadCloser, size int64) (*Stream, *Error) {
	return selectEvery(req, obj, size, contEvery)
}

// selectEvery is Select with Cont events after every idle of work without
// output.
func selectEvery(req *Request, obj io.ReadCloser, size int64, idle time.Duration) (*Stream, *Error) {
	s := &Stream{obj: obj, scanned: &counter{r: obj}, progress: req.progress, enc: eventstream.NewEncoder(),
		contEvery: idle, lastSent: time.Now()}
	r, err := decompress(req.compression, s.scanned)
	if err != nil {
		obj.Close()
		return nil, err
	}
	s.processed = &counter{r: r}
	switch {
	case req.scan != nil:
		var src offsetSource = newLinesSource(s.processed)
		if req.csvIn != nil {
			src = newCSVSource(req.csvIn, s.processed)
		}
		lo, hi := req.scan.bounds(size)
		s.src = &ranged{src: src, lo: lo, hi: hi}
	case req.csvIn != nil:
		s.src = newCSVSource(req.csvIn, s.processed)
	default:
		s.src = newJSONSource(s.processed)
	}
	var w recordWriter = jsonWriter{delim: req.jsonOut}
	if req.csvOut != nil {
		w = csvWriter{o: req.csvOut}
	}
	s.run = newRunner(req.query, w, &s.records)
	for s.out.Len() == 0 && !s.done {
		if err := s.step(); err != nil {
			obj.Close()
			return nil, err
		}
	}
	return s, nil
}

// Read reads the encoded messages, running the query as far as needed.
func (s *Stream) Read(p []byte) (int, error) {
	for s.out.Len() == 0 && !s.done {
		if err := s.step(); err != nil {
			s.message(eventstream.Headers{
				{Name: ":message-type", Value: eventstream.StringValue("error")},
				{Name: ":error-code", Value: eventstream.StringValue(err.Code)},
				{Name: ":error-message", Value: eventstream.StringValue(err.Message)},
			}, nil)
			s.done = true
		}
	}
	if s.out.Len() == 0 {
		return 0, io.EOF
	}
	return s.out.Read(p)
}

// Close closes the object's reader.
func (s *Stream) Close() error { return s.obj.Close() }

// step reads and runs one record, or ends the stream.
func (s *Stream) step() *Error {
	if s.run.done() {
		return s.finish()
	}
	rec, ok, err := s.src.next()
	if err != nil {
		return err
	}
	if !ok {
		return s.finish()
	}
	if err := s.run.record(rec); err != nil {
		return err
	}
	if s.records.Len() >= flushAt {
		s.flushRecords()
	}
	if s.steps++; s.steps%64 == 0 && s.out.Len() == 0 && time.Since(s.lastSent) >= s.contEvery {
		s.event("Cont", "", nil)
	}
	return nil
}

func (s *Stream) finish() *Error {
	if err := s.run.finish(); err != nil {
		return err
	}
	s.flushRecords()
	if s.progress {
		s.event("Progress", "text/xml", s.details("Progress"))
	}
	s.event("Stats", "text/xml", s.details("Stats"))
	s.event("End", "", nil)
	s.done = true
	return nil
}

func (s *Stream) flushRecords() {
	if s.records.Len() == 0 {
		return
	}
	s.returned += int64(s.records.Len())
	s.event("Records", "application/octet-stream", s.records.Bytes())
	s.records.Reset()
}

// details is the payload of a Progress or Stats event.
func (s *Stream) details(root string) []byte {
	return []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + root + ">" +
		"<BytesScanned>" + strconv.FormatInt(s.scanned.n, 10) + "</BytesScanned>" +
		"<BytesProcessed>" + strconv.FormatInt(s.processed.n, 10) + "</BytesProcessed>" +
		"<BytesReturned>" + strconv.FormatInt(s.returned, 10) + "</BytesReturned></" + root + ">")
}

func (s *Stream) event(typ, contentType string, payload []byte) {
	h := eventstream.Headers{{Name: ":event-type", Value: eventstream.StringValue(typ)}}
	if contentType != "" {
		h = append(h, eventstream.Header{Name: ":content-type", Value: eventstream.StringValue(contentType)})
	}
	h = append(h, eventstream.Header{Name: ":message-type", Value: eventstream.StringValue("event")})
	s.message(h, payload)
}

func (s *Stream) message(h eventstream.Headers, payload []byte) {
	// Encoding into a bytes.Buffer cannot fail.
	_ = s.enc.Encode(&s.out, eventstream.Message{Headers: h, Payload: payload})
	s.lastSent = time.Now()
}
