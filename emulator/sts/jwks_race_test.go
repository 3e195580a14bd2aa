package sts

import (
	"context"
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// TestJWKSCacheConcurrentUse looks up one remote issuer's key from many
// goroutines at once; under -race it fails if a cached key is filled in
// without synchronisation.
func TestJWKSCacheConcurrentUse(t *testing.T) {
	t.Parallel()
	remote, err := NewIssuer(IssuerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	kid := remote.KeyID()
	mux := http.NewServeMux()
	var base string
	mux.Handle(IssuerPath+"/", remote.Handler(func(*http.Request) string { return base }))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	base = srv.URL
	iss := srv.URL + IssuerPath

	cache := &jwksCache{client: srv.Client(), now: time.Now, entries: map[string]jwksEntry{}}
	// Fill the cache as one lookup would, so every goroutine below starts
	// from a cached, never-used key set.
	keys, err := cache.fetch(context.Background(), iss)
	if err != nil {
		t.Fatalf("fetch %s: %v", iss, err)
	}
	cache.entries[iss] = jwksEntry{keys: keys, fetched: time.Now()}
	start := make(chan struct{})
	const goroutines, lookups = 16, 1
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*lookups)
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range lookups {
				key, err := cache.key(context.Background(), iss, kid)
				if rk, ok := key.(*rsa.PublicKey); err == nil && (!ok || rk.N.Cmp(remote.key.key.(*rsa.PrivateKey).N) != 0) {
					t.Errorf("key(%q) returned a different modulus", kid)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("key(%q): %v", kid, err)
	}
}
