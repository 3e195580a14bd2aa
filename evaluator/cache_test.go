package evaluator

import (
	"errors"
	"sync"
	"testing"
)

func TestCache(t *testing.T) {
	c := NewCache(2)
	p1, err := c.Parse(allowS3All, KindIdentity)
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := c.Parse(allowS3All, KindIdentity)
	if p1 != p2 {
		t.Errorf("got a new *Policy for the same document, want the cached one")
	}
	// Kind is part of the key: the same text is invalid as a trust policy
	// (IAM reports its Resource before its missing Principal).
	if _, err := c.Parse(allowS3All, KindTrust); err == nil {
		t.Errorf("got nil error for identity document as trust policy")
	} else if pe := (*ParseError)(nil); !errors.As(err, &pe) || pe.Message != MsgTrustResource {
		t.Errorf("got %v, want %q", err, MsgTrustResource)
	}
	c.Parse(allowGetOnly, KindIdentity)
	if c.Len() != 2 {
		t.Errorf("Len: got %d, want 2 (bounded)", c.Len())
	}
	p3, _ := c.Parse(allowS3All, KindIdentity)
	if p3 == p1 {
		t.Errorf("evicted entry was still returned")
	}
}

func TestCacheConcurrent(t *testing.T) {
	c := NewCache(8)
	docs := []string{allowS3All, allowGetOnly, denyPut}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				p, err := c.Parse(docs[(g+i)%len(docs)], KindIdentity)
				if err != nil || p.Statements() != 1 {
					t.Errorf("got %v, %v", p, err)
					return
				}
				req := Request{Principal: userP(acctA, "a"), Action: "s3:GetObject", Resource: "*"}
				Evaluate(&req, &PolicySet{Identity: []NamedPolicy{{Name: "n" + string(rune('a'+g)), Policy: p}}})
			}
		}(g)
	}
	wg.Wait()
}
