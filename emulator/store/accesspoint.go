package store

import "time"

// S3 access points: a named entry to one bucket with a policy of its own
// (emulator/s3 accesspoints.go).
const (
	// KindAccessPoint holds an account's access points: name → AccessPoint.
	KindAccessPoint = "access-points"
	// KindAccessPointAlias is Global: alias → AccessPointRef, so a request
	// naming an alias as its bucket finds the access point.
	KindAccessPointAlias = "access-point-aliases"
)

// AccessPoint is an S3 access point of a general purpose bucket.
type AccessPoint struct {
	Name          string
	Account       string // owns the access point
	Bucket        string
	BucketAccount string // owns the bucket
	Region        string
	Alias         string
	Created       time.Time
	// PublicAccessBlock is the access point's own Block Public Access
	// (set at creation, never changed).
	PublicAccessBlock PublicAccessBlock
	Policy            string `json:",omitempty"`
}

// AccessPointRef names an access point by its account and name.
type AccessPointRef struct{ Account, Name string }
