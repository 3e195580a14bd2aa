package iam

import (
	"context"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// reportDoc is GetServiceLastAccessedDetails' answer, decoded.
type reportDoc struct {
	Result struct {
		JobStatus, JobType string
		Services           []struct {
			ServiceName, ServiceNamespace, LastAuthenticated, LastAuthenticatedEntity, LastAuthenticatedRegion string
			TotalAuthenticatedEntities                                                                         int
			Tracked                                                                                            *struct {
				Actions []struct{ ActionName, LastAccessedEntity, LastAccessedTime, LastAccessedRegion string } `xml:"member"`
			} `xml:"TrackedActionsLastAccessed"`
		} `xml:"ServicesLastAccessed>member"`
	} `xml:"GetServiceLastAccessedDetailsResult"`
}

// summary flattens a report to one line per service: "ns total entity
// region time [action@entity ...]".
func (d reportDoc) summary() []string {
	var out []string
	for _, s := range d.Result.Services {
		line := s.ServiceNamespace + " " + itoa(s.TotalAuthenticatedEntities) + " " + s.LastAuthenticatedEntity + " " +
			s.LastAuthenticatedRegion + " " + s.LastAuthenticated
		if s.Tracked != nil {
			line += " ["
			for _, a := range s.Tracked.Actions {
				line += " " + a.ActionName + "@" + a.LastAccessedEntity[strings.LastIndexByte(a.LastAccessedEntity, '/')+1:]
			}
			line += " ]"
		}
		out = append(out, line)
	}
	return out
}

// entityInfo is the caller info of IAM user name with unique id at t.
func entityInfo(name, id string, t time.Time) *authn.Info {
	return &authn.Info{RequestID: "req-1", Time: t, Region: "us-west-2", Caller: authn.Caller{
		Type: evaluator.PrincipalUser, Account: testAccount, ARN: "arn:aws:iam::" + testAccount + ":user/" + name,
		UserID: id, UserName: name}}
}

func (e *testEnv) userID(name string) string {
	e.t.Helper()
	return e.must("GetUser", "UserName", name).field("UserId")
}

func (e *testEnv) report(arn, granularity string) reportDoc {
	e.t.Helper()
	job := e.must("GenerateServiceLastAccessedDetails", "Arn", arn, "Granularity", granularity).field("JobId")
	var d reportDoc
	body := e.must("GetServiceLastAccessedDetails", "JobId", job).body
	if err := xml.Unmarshal([]byte(body), &d); err != nil {
		e.t.Fatalf("decode %s: %v", body, err)
	}
	if d.Result.JobStatus != "COMPLETED" || d.Result.JobType != granularity {
		e.t.Errorf("JobStatus, JobType = %s, %s; want COMPLETED, %s", d.Result.JobStatus, d.Result.JobType, granularity)
	}
	return d
}

const (
	devsPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*","s3:*"],"Resource":"*"}]}`
	ec2Read    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}`
)

// lastAccessedWorld makes alice and bob, members of devs, alice with an
// EC2 policy of her own, and role r1 with p1 (s3:GetObject); alice then
// lists users and reads herself, tries to delete bob (denied: attempts
// count too), and bob lists roles a minute later.
func lastAccessedWorld(t *testing.T) *testEnv {
	e := newEnv(t)
	for _, st := range []step{mkUser, s("CreateUser", "UserName", "bob"), mkGroup, mkRole, mkPol,
		s("AddUserToGroup", "GroupName", "devs", "UserName", "alice"), s("AddUserToGroup", "GroupName", "devs", "UserName", "bob"),
		s("PutGroupPolicy", "GroupName", "devs", "PolicyName", "devs", "PolicyDocument", devsPolicy),
		s("PutUserPolicy", "UserName", "alice", "PolicyName", "ec2", "PolicyDocument", ec2Read),
		s("AttachRolePolicy", "RoleName", "r1", "PolicyArn", polARN)} {
		e.must(st.action, st.kv...)
	}
	alice := entityInfo("alice", e.userID("alice"), fixedNow)
	for _, call := range [][]string{{"ListUsers"}, {"GetUser", "UserName", "alice"}, {"DeleteUser", "UserName", "bob"}} {
		e.callAs(alice, call[0], call[1:]...)
	}
	e.callAs(entityInfo("bob", e.userID("bob"), fixedNow.Add(time.Minute)), "ListRoles")
	return e
}

func TestServiceLastAccessedReports(t *testing.T) {
	t.Parallel()
	e := lastAccessedWorld(t)
	const at, later = "2026-11-23T15:04:05Z", "2026-11-23T15:05:05Z"
	acct := "arn:aws:iam::111111111111:"
	cases := []struct {
		name, arn, granularity string
		want                   []string
	}{
		// A user: its own policies and its groups' allow ec2, iam and s3.
		{"user", acct + "user/alice", "SERVICE_LEVEL", []string{
			"ec2 0   ", "iam 1 " + acct + "user/alice us-west-2 " + at, "s3 0   "}},
		// A group: its members' attempts at the services its policies
		// allow; tracked actions the policies allow (DeleteUser is not).
		{"group", acct + "group/devs", "ACTION_LEVEL", []string{
			"iam 2 " + acct + "user/bob us-west-2 " + later + " [ GetUser@alice ListRoles@bob ListUsers@alice ]",
			"s3 0    [ ]"}},
		// A managed policy: the entities it is attached to (the role,
		// which made no attempt).
		{"policy", polARN, "SERVICE_LEVEL", []string{"s3 0   "}},
		{"role", acct + "role/r1", "ACTION_LEVEL", []string{"s3 0    [ ]"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := e.report(c.arn, c.granularity).summary()
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestServiceLastAccessedDetailsWithEntities(t *testing.T) {
	t.Parallel()
	e := lastAccessedWorld(t)
	job := e.must("GenerateServiceLastAccessedDetails", "Arn", "arn:aws:iam::111111111111:group/devs").field("JobId")
	cases := []struct {
		namespace string
		want      []string
	}{
		// Latest attempt first; entities without one last.
		{"iam", []string{"bob USER 2026-11-23T15:05:05Z", "alice USER 2026-11-23T15:04:05Z"}},
		{"s3", []string{"alice USER ", "bob USER "}},
		// A service the report does not list has no entities.
		{"ec2", nil},
	}
	for _, c := range cases {
		t.Run(c.namespace, func(t *testing.T) {
			body := e.must("GetServiceLastAccessedDetailsWithEntities", "JobId", job, "ServiceNamespace", c.namespace).body
			var d struct {
				Entities []struct {
					EntityInfo        struct{ Name, Type string }
					LastAuthenticated string
				} `xml:"GetServiceLastAccessedDetailsWithEntitiesResult>EntityDetailsList>member"`
			}
			if err := xml.Unmarshal([]byte(body), &d); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, en := range d.Entities {
				got = append(got, en.EntityInfo.Name+" "+en.EntityInfo.Type+" "+en.LastAuthenticated)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q (%s)", got, c.want, body)
			}
		})
	}
}

func TestServiceLastAccessedErrors(t *testing.T) {
	t.Parallel()
	const job = "78b6c2ba-d09e-6xmp-7039-ecde30b26916" // the CLI example's form, unknown here
	runCases(t, []actionCase{
		{name: "unknown user", action: "GenerateServiceLastAccessedDetails", kv: []string{"Arn", "arn:aws:iam::111111111111:user/nobody"},
			status: 404, code: "NoSuchEntity", message: "The user with name nobody cannot be found."},
		{name: "unknown policy", action: "GenerateServiceLastAccessedDetails", kv: []string{"Arn", "arn:aws:iam::111111111111:policy/nope"},
			status: 404, code: "NoSuchEntity", message: "Policy arn:aws:iam::111111111111:policy/nope was not found."},
		{name: "not an identity", action: "GenerateServiceLastAccessedDetails", kv: []string{"Arn", "arn:aws:iam::111111111111:instance-profile/ip"},
			status: 400, code: "InvalidInput"},
		{name: "bad granularity", setup: []step{mkUser}, action: "GenerateServiceLastAccessedDetails",
			kv: []string{"Arn", "arn:aws:iam::111111111111:user/alice", "Granularity", "RESOURCE_LEVEL"}, status: 400, code: "ValidationError",
			message: "Member must satisfy enum value set: [SERVICE_LEVEL, ACTION_LEVEL]"},
		{name: "unknown job", action: "GetServiceLastAccessedDetails", kv: []string{"JobId", job}, status: 404, code: "NoSuchEntity"},
		{name: "short job id", action: "GetServiceLastAccessedDetails", kv: []string{"JobId", "job"}, status: 400, code: "ValidationError",
			message: "Value 'job' at 'jobId' failed to satisfy constraint: Member must have length greater than or equal to 36"},
		{name: "entities of unknown job", action: "GetServiceLastAccessedDetailsWithEntities", kv: []string{"JobId", job, "ServiceNamespace", "s3"},
			status: 404, code: "NoSuchEntity"},
		{name: "entities without namespace", action: "GetServiceLastAccessedDetailsWithEntities", kv: []string{"JobId", job},
			status: 400, code: "ValidationError", message: "Value null at 'serviceNamespace' failed to satisfy constraint: Member must not be null"},
	})
}

// TestServiceLastAccessedJobOwner: only the principal that generated a
// report reads it (access_policies_last-accessed.html, "Report owner").
func TestServiceLastAccessedJobOwner(t *testing.T) {
	t.Parallel()
	e := lastAccessedWorld(t)
	e.must("PutUserPolicy", "UserName", "bob", "PolicyName", "reports", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*ServiceLastAccessed*","Resource":"*"}]}`)
	job := e.must("GenerateServiceLastAccessedDetails", "Arn", "arn:aws:iam::111111111111:user/alice").field("JobId")
	bob := entityInfo("bob", e.userID("bob"), fixedNow)
	if r := e.callAs(bob, "GetServiceLastAccessedDetails", "JobId", job); r.code() != "NoSuchEntity" {
		t.Errorf("another principal's report = %d %s, want NoSuchEntity", r.status, r.body)
	}
	own := e.callAs(bob, "GenerateServiceLastAccessedDetails", "Arn", "arn:aws:iam::111111111111:user/alice").field("JobId")
	if r := e.callAs(bob, "GetServiceLastAccessedDetails", "JobId", own); r.status != 200 {
		t.Errorf("own report = %d %s, want 200", r.status, r.body)
	}
}

// TestServiceLastAccessedDeletedEntity: a deleted user's data goes with
// it; a user of the same name made again starts with none.
func TestServiceLastAccessedDeletedEntity(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "carol")
	e.must("PutUserPolicy", "UserName", "carol", "PolicyName", "s3", "PolicyDocument", devsPolicy)
	id := e.userID("carol")
	e.callAs(entityInfo("carol", id, fixedNow), "ListUsers")
	e.callAs(entityInfo("carol", id, fixedNow.Add(time.Minute)), "ListRoles") // pending, not written
	if got := e.report("arn:aws:iam::111111111111:user/carol", "SERVICE_LEVEL").summary(); got[0] != "iam 1 arn:aws:iam::111111111111:user/carol us-west-2 2026-11-23T15:05:05Z" {
		t.Fatalf("before deletion: %q", got)
	}
	e.must("DeleteUserPolicy", "UserName", "carol", "PolicyName", "s3")
	e.must("DeleteUser", "UserName", "carol")
	if err := e.h.authz.FlushServiceAccess(context.Background()); err != nil {
		t.Fatal(err)
	}
	err := e.db.View(context.Background(), func(tx *store.Tx) error {
		if tx.Exists(testAccount, store.KindServiceAccess, id) {
			t.Errorf("the deleted user's last accessed data is still stored")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e.must("CreateUser", "UserName", "carol")
	e.must("PutUserPolicy", "UserName", "carol", "PolicyName", "s3", "PolicyDocument", devsPolicy)
	if got := e.report("arn:aws:iam::111111111111:user/carol", "SERVICE_LEVEL").summary(); got[0] != "iam 0   " {
		t.Errorf("a new carol's report: %q, want no attempt", got)
	}
}

// TestServiceLastAccessedRenamedUser: a renamed user keeps its attempts,
// the unwritten ones included once they are written.
func TestServiceLastAccessedRenamedUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "carol")
	e.must("PutUserPolicy", "UserName", "carol", "PolicyName", "s3", "PolicyDocument", devsPolicy)
	id := e.userID("carol")
	e.callAs(entityInfo("carol", id, fixedNow), "ListUsers")
	e.callAs(entityInfo("carol", id, fixedNow.Add(time.Minute)), "ListRoles") // pending, not written
	e.must("UpdateUser", "UserName", "carol", "NewUserName", "caroline")
	if err := e.h.authz.FlushServiceAccess(context.Background()); err != nil {
		t.Fatal(err)
	}
	err := e.db.View(context.Background(), func(tx *store.Tx) error {
		var stored store.ServiceAccess
		if err := tx.Get(testAccount, store.KindServiceAccess, id, &stored); err != nil {
			return err
		}
		if got := stored.Services["iam"].At; !got.Equal(fixedNow.Add(time.Minute)) {
			t.Errorf("stored iam attempt %v, want the one before the rename (%v)", got, fixedNow.Add(time.Minute))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
