package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/store/storetest"
)

// Only the newest jobs are kept: ids sort by creation.
func TestPutLastAccessedJobKeepsNewest(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t, store.Options{})
	ids := []string{"0190a000-0000-7000-8000-000000000001", "0190a000-0000-7000-8000-000000000002", "0190a000-0000-7000-8000-000000000003"}
	for _, id := range ids {
		err := db.Update(context.Background(), func(tx *store.Tx) error {
			return tx.PutLastAccessedJob("111111111111", &store.LastAccessedJob{ID: id, Created: time.Now()}, 2)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var kept []string
	err := db.View(context.Background(), func(tx *store.Tx) error {
		return tx.ForEach("111111111111", store.KindLastAccessedJob, "", "", func(key string, _ store.Decoder) error {
			kept = append(kept, key)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(kept, ids[1:]) {
		t.Errorf("kept %v, want the two newest %v", kept, ids[1:])
	}
}

func TestServiceAccessMergeKeepsLatest(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)
	u := store.ServiceAccess{Services: map[string]store.ServiceUse{
		"s3": {At: t0.Add(time.Hour), Region: "us-east-1", Actions: map[string]store.ActionUse{"CreateBucket": {At: t0.Add(time.Hour)}}},
	}}
	u.Merge(&store.ServiceAccess{Services: map[string]store.ServiceUse{
		"s3":  {At: t0, Region: "eu-west-1", Actions: map[string]store.ActionUse{"CreateBucket": {At: t0}, "ListAllMyBuckets": {At: t0}}},
		"iam": {At: t0, Region: "eu-west-1"},
	}})
	if s := u.Services["s3"]; !s.At.Equal(t0.Add(time.Hour)) || s.Region != "us-east-1" || !s.Actions["CreateBucket"].At.Equal(t0.Add(time.Hour)) || len(s.Actions) != 2 {
		t.Errorf("s3 after merge = %+v, want the later attempt kept and ListAllMyBuckets added", s)
	}
	if !u.Services["iam"].At.Equal(t0) {
		t.Errorf("iam not merged: %+v", u.Services)
	}
}
