package store

import (
	"errors"
	"time"
)

// KindServiceAccess holds, in the account scope, the last attempts of an
// IAM user or role (key = its unique id, AIDA... or AROA...) to reach each
// service: the data of IAM's last accessed reports
// (GenerateServiceLastAccessedDetails). Writing it does not change the
// Generation: no cache derives from it.
const KindServiceAccess = "service-access"

// ServiceAccess is an IAM user's or role's last attempts, per service.
type ServiceAccess struct {
	// Services maps a service namespace ("s3") to the last attempt.
	Services map[string]ServiceUse
}

// ServiceUse is the last attempt to reach one service, and of each tracked
// action of it (action-level last accessed information).
type ServiceUse struct {
	At     time.Time
	Region string `json:",omitempty"`
	// Actions maps a tracked action's name ("CreateUser") to its last
	// attempt.
	Actions map[string]ActionUse `json:",omitempty"`
}

// ActionUse is the last attempt at one tracked action.
type ActionUse struct {
	At     time.Time
	Region string `json:",omitempty"`
}

// Merge folds later into u: each service's and action's latest attempt
// wins.
func (u *ServiceAccess) Merge(later *ServiceAccess) {
	if u.Services == nil {
		u.Services = map[string]ServiceUse{}
	}
	for ns, s := range later.Services {
		cur := u.Services[ns]
		if !s.At.Before(cur.At) {
			cur.At, cur.Region = s.At, s.Region
		}
		for name, a := range s.Actions {
			if cur.Actions == nil {
				cur.Actions = map[string]ActionUse{}
			}
			if old, ok := cur.Actions[name]; !ok || !a.At.Before(old.At) {
				cur.Actions[name] = a
			}
		}
		u.Services[ns] = cur
	}
}

// DeleteServiceAccess removes the last accessed data of the user or role
// with unique id in account, if any: a deleted entity's data goes with it.
func (t *Tx) DeleteServiceAccess(account, id string) error {
	if err := t.Delete(account, KindServiceAccess, id); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}

// KindLastAccessedJob holds, in the account scope, the last accessed
// reports GenerateServiceLastAccessedDetails made (key = job id). Writing
// one does not change the Generation: no cache derives from it.
const KindLastAccessedJob = "last-accessed-jobs"

// LastAccessedJob is one generated last accessed report.
type LastAccessedJob struct {
	ID string
	// Owner is the ARN of the caller that generated it: only it may read
	// the report.
	Owner       string
	Granularity string // SERVICE_LEVEL or ACTION_LEVEL
	// EntityPath is the Organizations entity path of an Organizations
	// access report (GenerateOrganizationsAccessReport); empty for a
	// service last accessed report. An Organizations report's entities are
	// accounts, their ARN the account's entity path.
	EntityPath string `json:",omitempty"`
	Created    time.Time
	Services   []ReportedService
}

// ReportedService is one service a report lists.
type ReportedService struct {
	Namespace, Name string
	// Last is the latest attempt of the report's entities, nil if none.
	Last  *ReportedAttempt `json:",omitempty"`
	Total int              // entities that attempted it
	// Tracked reports an action-level report of a service with action
	// tracking; Actions are its tracked actions' latest attempts.
	Tracked  bool             `json:",omitempty"`
	Actions  []ReportedAction `json:",omitempty"`
	Entities []ReportedEntity `json:",omitempty"`
}

// ReportedAttempt is an attempt and the entity that made it.
type ReportedAttempt struct {
	At        time.Time
	Region    string
	EntityARN string
}

// ReportedAction is a tracked action's latest attempt.
type ReportedAction struct {
	Name string
	ReportedAttempt
}

// ReportedEntity is an IAM user or role of a report, with its latest
// attempt to reach the service (nil if none).
type ReportedEntity struct {
	ARN, Name, Type, ID, Path string
	Last                      *time.Time `json:",omitempty"`
}

// PutLastAccessedJob stores job in account, then removes the oldest jobs
// beyond the keep newest. Job ids sort by creation (UUIDv7), so the oldest
// come first in key order.
func (t *Tx) PutLastAccessedJob(account string, job *LastAccessedJob, keep int) error {
	if err := t.Put(account, KindLastAccessedJob, job.ID, job); err != nil {
		return err
	}
	var keys []string
	if err := t.walk(account, KindLastAccessedJob, "", "", func(k string, _ []byte) error {
		keys = append(keys, k)
		return nil
	}); err != nil {
		return err
	}
	for len(keys) > keep {
		if err := t.Delete(account, KindLastAccessedJob, keys[0]); err != nil {
			return err
		}
		keys = keys[1:]
	}
	return nil
}
