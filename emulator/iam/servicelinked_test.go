package iam

import (
	"net/url"
	"strings"
	"testing"
)

func TestServiceLinkedRoles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rows := []struct {
		service, suffix, name string
	}{
		{"autoscaling.amazonaws.com", "", "AWSServiceRoleForAutoScaling"},
		{"autoscaling.amazonaws.com", "web", "AWSServiceRoleForAutoScaling_web"},
		{"lambda.amazonaws.com", "", "AWSServiceRoleForLambda"},
	}
	for _, row := range rows {
		kv := []string{"AWSServiceName", row.service}
		if row.suffix != "" {
			kv = append(kv, "CustomSuffix", row.suffix)
		}
		r := e.must("CreateServiceLinkedRole", kv...)
		wantARN := "arn:aws:iam::111111111111:role/aws-service-role/" + row.service + "/" + row.name
		if r.field("RoleName") != row.name || r.field("Path") != "/aws-service-role/"+row.service+"/" || r.field("Arn") != wantARN {
			t.Errorf("CreateServiceLinkedRole(%s, %q) = %s %s %s, want %s", row.service, row.suffix, r.field("RoleName"), r.field("Path"), r.field("Arn"), wantARN)
		}
		doc, _ := url.QueryUnescape(r.field("AssumeRolePolicyDocument"))
		if !strings.Contains(doc, `"Service":"`+row.service+`"`) {
			t.Errorf("trust policy = %s, want the service principal %s", doc, row.service)
		}
	}
	errs := []struct {
		name, action string
		kv           []string
		code, msg    string
	}{
		{"taken", "CreateServiceLinkedRole", []string{"AWSServiceName", "autoscaling.amazonaws.com"}, "InvalidInput",
			"Service role name AWSServiceRoleForAutoScaling has been taken in this account, please try a different suffix."},
		{"DeleteRole refuses", "DeleteRole", []string{"RoleName", "AWSServiceRoleForLambda"}, "UnmodifiableEntity",
			"Cannot perform the operation on the protected role 'AWSServiceRoleForLambda' - this role is only modifiable by AWS"},
		{"not service-linked", "DeleteServiceLinkedRole", []string{"RoleName", "plain"}, "InvalidInput", "Role plain is not a service-linked role."},
		{"unknown task", "GetServiceLinkedRoleDeletionStatus", []string{"DeletionTaskId", "task/x"}, "NoSuchEntity", "Deletion task task/x cannot be found."},
	}
	e.must("CreateRole", "RoleName", "plain", "AssumeRolePolicyDocument", trustRoot)
	for _, row := range errs {
		t.Run(row.name, func(t *testing.T) {
			r := e.call(row.action, row.kv...)
			if r.code() != row.code || r.message() != row.msg {
				t.Errorf("%s = %d %s %q, want %s %q", row.action, r.status, r.code(), r.message(), row.code, row.msg)
			}
		})
	}
	d := e.must("DeleteServiceLinkedRole", "RoleName", "AWSServiceRoleForLambda")
	task := d.field("DeletionTaskId")
	if !strings.HasPrefix(task, "task/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda/") {
		t.Errorf("DeletionTaskId = %q", task)
	}
	if s := e.must("GetServiceLinkedRoleDeletionStatus", "DeletionTaskId", task); s.field("Status") != "SUCCEEDED" {
		t.Errorf("Status = %q, want SUCCEEDED", s.field("Status"))
	}
	if r := e.call("GetRole", "RoleName", "AWSServiceRoleForLambda"); r.code() != "NoSuchEntity" {
		t.Errorf("GetRole after DeleteServiceLinkedRole = %s, want NoSuchEntity", r.code())
	}
}
