package authz

import (
	"context"
	"testing"
)

// TestTraceLogsDecisionsWhenMade pins that a traced decision is in the log
// as soon as it is made (without a status while the request runs) and is
// completed in place by Finish with what the client got.
func TestTraceLogsDecisionsWhenMade(t *testing.T) {
	t.Parallel()
	l := NewDecisionLog(4)
	tr := &Trace{}
	SetOperation(WithTrace(context.Background(), tr), "GetObject")
	tr.log(l, Record{RequestID: "r1", Action: "s3:GetObject", Decision: "Allow"})
	got := l.Records()
	if len(got) != 1 || got[0].RequestID != "r1" || got[0].Status != 0 || got[0].Operation != "GetObject" {
		t.Fatalf("log before Finish = %+v, want r1 (GetObject) without a status", got)
	}
	l.Finish(tr, Outcome{RequestID: "r1", Status: 404, ErrorCode: "NoSuchKey", Message: "The specified key does not exist."})
	got = l.Records()
	if len(got) != 1 || got[0].Status != 404 || got[0].ErrorCode != "NoSuchKey" || got[0].Message != "The specified key does not exist." {
		t.Errorf("log after Finish = %+v, want r1 completed with 404 NoSuchKey and its message", got)
	}
}

// TestFinishAfterEviction: a record the ring dropped before Finish is not
// resurrected, and Finish touches no other record.
func TestFinishAfterEviction(t *testing.T) {
	t.Parallel()
	l := NewDecisionLog(2)
	tr := &Trace{}
	tr.log(l, Record{RequestID: "old", Decision: "Allow"})
	l.Add(Record{RequestID: "a", Decision: "Allow"})
	l.Add(Record{RequestID: "b", Decision: "Allow"})
	l.Finish(tr, Outcome{RequestID: "old", Status: 500, ErrorCode: "InternalError"})
	for _, r := range l.Records() {
		if r.RequestID == "old" || r.Status != 0 {
			t.Errorf("record %+v after Finish of an evicted record, want a and b untouched", r)
		}
	}
	l.Reset()
	tr.log(l, Record{RequestID: "c", Decision: "Allow"})
	l.Finish(tr, Outcome{RequestID: "c", Status: 200})
	if got := l.Records(); len(got) != 1 || got[0].Status != 200 {
		t.Errorf("after Reset: %+v, want c with status 200", got)
	}
}

// TestFinishWithoutDecisionLogsRefusal: a refused request no policy decided
// gets one Refused record with what the client got.
func TestFinishWithoutDecisionLogsRefusal(t *testing.T) {
	t.Parallel()
	l := NewDecisionLog(4)
	tr := &Trace{}
	SetOperation(WithTrace(context.Background(), tr), "GetObject")
	l.Finish(tr, Outcome{RequestID: "r", Status: 403, ErrorCode: "InvalidAccessKeyId", Message: "bad key", Principal: "access key AKIA"})
	got := l.Records()
	if len(got) != 1 || got[0].Decision != Refused || got[0].Status != 403 || got[0].ErrorCode != "InvalidAccessKeyId" ||
		got[0].Operation != "GetObject" || got[0].Hint == "" {
		t.Errorf("log = %+v, want one Refused GetObject record with 403 InvalidAccessKeyId and a hint", got)
	}
	l.Finish(&Trace{}, Outcome{RequestID: "ok", Status: 200})
	if n := len(l.Records()); n != 1 {
		t.Errorf("a successful request without decisions added a record: %d records", n)
	}
}
