package evaluator

import "testing"

// TestRootSessionTaskPolicy: an sts:AssumeRoot session is the member
// account's root user with a task policy as its session policy. The task
// policies only deny (arn:aws:iam::aws:policy/root-task/...), so their
// denies stand as explicit denies while the root user needs no allow in its
// own account; a plain root user (no session policy) is unchanged.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user-privileged-task.html
func TestRootSessionTaskPolicy(t *testing.T) {
	const acct = "222222222222"
	task := `{"Version":"2012-10-17","Statement":[
	 {"Sid":"DenyAllOtherActionsOnAnyResource","Effect":"Deny","NotAction":["s3:DeleteBucketPolicy","s3:GetBucketPolicy"],"Resource":"*"}]}`
	cases := []struct {
		name    string
		session bool
		action  string
		want    Effect
		kind    Kind
	}{
		{"task action allowed", true, "s3:DeleteBucketPolicy", Allow, KindIdentity},
		{"other action denied by the task policy", true, "s3:GetObject", ExplicitDeny, KindSession},
		{"plain root user unchanged", false, "s3:GetObject", Allow, KindIdentity},
	}
	for _, c := range cases {
		ps := PolicySet{}
		if c.session {
			ps.Session = []NamedPolicy{named(t, "task", task, KindSession)}
			ps.HasSession = true
		}
		req := Request{Principal: rootP(acct), Action: c.action, Resource: "arn:aws:s3:::b", ResourceAccount: acct}
		d := Evaluate(&req, &ps)
		if d.Effect != c.want || d.Kind != c.kind {
			t.Errorf("%s: %s by %s, want %s by %s", c.name, d.Effect, d.Kind, c.want, c.kind)
		}
	}
}
