package organizations

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The policies of the Organizations User Guide's inheritance examples
// ("Inheritance examples", formerly "Policy syntax and inheritance for
// management policy types",
// https://docs.aws.amazon.com/organizations/latest/userguide/inheritance-examples.html).
const (
	guidePolicyA = `{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["Development","Support"]}}}}`
	guidePolicyB = `{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["Sandbox"]},"enforced_for":{"@@assign":["redshift:*","dynamodb:table"]}}}}`
	guidePolicyC = `{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@append":["Marketing"]},"enforced_for":{"@@append":["redshift:*","dynamodb:table"]}}}}`
	// guidePolicyD is the page's policy D with its enforced_for one level
	// up, beside tag_value: the page nests it inside tag_value, but says
	// the result is that "compliance is not enforced for the CostCenter
	// tag key" and shows no enforced_for, which only the sibling reading
	// gives.
	guidePolicyD = `{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@remove":["Development","Marketing"]},"enforced_for":{"@@remove":["redshift:*","dynamodb:table"]}}}}`
	guidePolicyE = `{"tags":{"project":{"tag_key":{"@@operators_allowed_for_child_policies":["@@none"],"@@assign":"Project"},"tag_value":{"@@operators_allowed_for_child_policies":["@@append"],"@@assign":["Maintenance","Escalations"]}}}}`
	guidePolicyF = `{"tags":{"project":{"tag_key":{"@@assign":"PROJECT"},"tag_value":{"@@append":["Escalations - research"]}}}}`
	guidePolicyG = `{"tags":{"project":{"tag_value":{"@@operators_allowed_for_child_policies":["@@append"],"@@assign":["Maintenance"]}}}}`
	guidePolicyH = `{"tags":{"project":{"tag_value":{"@@operators_allowed_for_child_policies":["@@append","@@remove"]}}}}`
	guidePolicyJ = `{"tags":{"project":{"tag_key":{"@@assign":"PROJECT"},"tag_value":{"@@append":["Maintenance"]}}}}`
	guidePolicyK = `{"tags":{"project":{"tag_key":{"@@assign":"project"}}}}`

	// The tag policy syntax page's "Define organization-wide tag key case"
	// and "Define values" policies
	// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_example-tag-policies.html).
	syntaxKeyCase = `{"tags":{"CostCenter":{"tag_key":{"@@assign":"CostCenter","@@operators_allowed_for_child_policies":["@@none"]}},"Project":{"tag_key":{"@@assign":"Project","@@operators_allowed_for_child_policies":["@@none"]}}}}`
	syntaxValues  = `{"tags":{"CostCenter":{"tag_value":{"@@assign":["Production","Test"]}},"Project":{"tag_value":{"@@assign":["A","B"]}}}}`

	// The AI services opt-out policy syntax page's policies
	// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out_syntax.html).
	aiSyntaxRoot     = `{"services":{"default":{"opt_out_policy":{"@@assign":"optOut"}},"comprehend":{"opt_out_policy":{"@@operators_allowed_for_child_policies":["@@none"],"@@assign":"optOut"}},"rekognition":{"opt_out_policy":{"@@assign":"optIn"}}}}`
	aiExample1       = `{"services":{"@@operators_allowed_for_child_policies":["@@none"],"default":{"@@operators_allowed_for_child_policies":["@@none"],"opt_out_policy":{"@@operators_allowed_for_child_policies":["@@none"],"@@assign":"optOut"}}}}`
	aiExample2Parent = `{"services":{"default":{"@@operators_allowed_for_child_policies":["@@none"],"opt_out_policy":{"@@operators_allowed_for_child_policies":["@@none"],"@@assign":"optOut"}}}}`
	aiExample2Child  = `{"services":{"lex":{"opt_out_policy":{"@@assign":"optIn"}}}}`

	// The backup policy syntax page's Example 5, "A child policy overrides
	// settings in a parent policy", and Examples 3 and 4 cut down to a few
	// settings
	// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html).
	backupEx5Parent = `{"plans":{"PII_Backup_Plan":{"regions":{"@@append":["us-east-1","ap-northeast-3","eu-north-1"]},` +
		`"rules":{"Hourly":{"schedule_expression":{"@@assign":"cron(0 0/1 ? * * *)"},"start_backup_window_minutes":{"@@assign":"60"},` +
		`"target_backup_vault_name":{"@@assign":"FortKnox"},"lifecycle":{"to_delete_after_days":{"@@assign":"2"},"move_to_cold_storage_after_days":{"@@assign":"180"}},` +
		`"copy_actions":{"arn:aws:backup:us-east-1:$account:vault:t2":{"target_backup_vault_arn":{"@@assign":"arn:aws:backup:us-east-1:$account:vault:t2"},` +
		`"lifecycle":{"move_to_cold_storage_after_days":{"@@assign":"28"},"to_delete_after_days":{"@@assign":"180"}}}}}},` +
		`"selections":{"tags":{"datatype":{"iam_role_arn":{"@@assign":"arn:aws:iam::$account:role/MyIamRole"},"tag_key":{"@@assign":"dataType"},"tag_value":{"@@assign":["PII","RED"]}}}}}}}`
	backupEx5Child = `{"plans":{"PII_Backup_Plan":{"regions":{"@@assign":["us-west-2","eu-central-1"]},` +
		`"rules":{"Hourly":{"schedule_expression":{"@@assign":"cron(0 0/2 ? * * *)"},"start_backup_window_minutes":{"@@assign":"80"},` +
		`"target_backup_vault_name":{"@@assign":"Default"},"lifecycle":{"move_to_cold_storage_after_days":{"@@assign":"30"},"to_delete_after_days":{"@@assign":"365"}}}}}}}`
	// The page shows the rule as "hourly" and the copy action under another
	// vault's name with its @@assign left in; fakeaws keeps keys as written
	// (docs/deviations.md) and strips every operator, as the other pages
	// show.
	backupEx5Effective = `{"plans":{"PII_Backup_Plan":{"regions":["us-west-2","eu-central-1"],` +
		`"rules":{"Hourly":{"schedule_expression":"cron(0 0/2 ? * * *)","start_backup_window_minutes":"80","target_backup_vault_name":"Default",` +
		`"lifecycle":{"to_delete_after_days":"365","move_to_cold_storage_after_days":"30"},` +
		`"copy_actions":{"arn:aws:backup:us-east-1:$account:vault:t2":{"target_backup_vault_arn":"arn:aws:backup:us-east-1:$account:vault:t2",` +
		`"lifecycle":{"move_to_cold_storage_after_days":"28","to_delete_after_days":"180"}}}}},` +
		`"selections":{"tags":{"datatype":{"iam_role_arn":"arn:aws:iam::$account:role/MyIamRole","tag_key":"dataType","tag_value":["PII","RED"]}}}}}}`
	backupEx3Parent = `{"plans":{"@@operators_allowed_for_child_policies":["@@none"],"PII_Backup_Plan":{"@@operators_allowed_for_child_policies":["@@none"],` +
		`"regions":{"@@operators_allowed_for_child_policies":["@@none"],"@@append":["us-east-1","ap-northeast-3","eu-north-1"]},` +
		`"rules":{"@@operators_allowed_for_child_policies":["@@none"],"Hourly":{"@@operators_allowed_for_child_policies":["@@none"],` +
		`"schedule_expression":{"@@operators_allowed_for_child_policies":["@@none"],"@@assign":"cron(0 0/1 ? * * *)"}}}}}}`
	backupEx3Effective = `{"plans":{"PII_Backup_Plan":{"regions":["us-east-1","ap-northeast-3","eu-north-1"],"rules":{"Hourly":{"schedule_expression":"cron(0 0/1 ? * * *)"}}}}}`
	backupChanges      = `{"plans":{"PII_Backup_Plan":{"regions":{"@@append":["eu-central-1"]},"rules":{"Hourly":{"schedule_expression":{"@@assign":"cron(0 5 1 * ? *)"}},` +
		`"Daily":{"schedule_expression":{"@@assign":"cron(0 5 ? * * *)"}}},"selections":{"tags":{"x":{"tag_key":{"@@assign":"x"}}}}},` +
		`"MonthlyBackupPlan":{"regions":{"@@append":["eu-central-1"]}}}}`
)

// TestEffectivePolicyInheritance merges the documented policies and
// checks the effective policy each page shows (levels: the root, the OUs,
// then the account; each level's policies in the order attached).
func TestEffectivePolicyInheritance(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		levels [][]string
		want   string // "" for no effective policy
	}{
		{"Inheritance examples, Example 1: policy B on OU1 overwrites A's values and adds enforced_for",
			[][]string{{guidePolicyA}, {guidePolicyB}, nil},
			`{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Sandbox"],"enforced_for":["redshift:*","dynamodb:table"]}}}`},
		{"Inheritance examples, Example 2: policy C on OU2 appends a value and enforced_for",
			[][]string{{guidePolicyA}, {guidePolicyC}, nil},
			`{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Development","Support","Marketing"],"enforced_for":["redshift:*","dynamodb:table"]}}}`},
		{"Inheritance examples, Example 3: policy D on account 999999999999 removes values; the emptied enforced_for goes",
			[][]string{{guidePolicyA}, {guidePolicyC}, {guidePolicyD}},
			`{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Support"]}}}`},
		// The page displays "tag_key": "project" but says policy F "attempts
		// to change the case treatment, but it can't", which leaves E's
		// "Project": the text is followed.
		{"Inheritance examples, Example 4: @@none keeps E's tag key, @@append lets F add a value",
			[][]string{{guidePolicyE}, {guidePolicyF}, nil},
			`{"tags":{"project":{"tag_key":"Project","tag_value":["Maintenance","Escalations","Escalations - research"]}}}`},
		{"Inheritance examples, Example 5: G and H at the root",
			[][]string{{guidePolicyG, guidePolicyH}, nil},
			`{"tags":{"project":{"tag_value":["Maintenance"]}}}`},
		{"Inheritance examples, Example 5: the intersection lets a child append but not remove Maintenance",
			[][]string{{guidePolicyG, guidePolicyH}, {`{"tags":{"project":{"tag_value":{"@@append":["Research"],"@@remove":["Maintenance"]}}}}`}, nil},
			`{"tags":{"project":{"tag_value":["Maintenance","Research"]}}}`},
		// The page shows " PROJECT" with a stray space; its text says
		// "the tag key PROJECT is used".
		{"Inheritance examples, Example 6: J attached first wins over K at the same level",
			[][]string{{guidePolicyJ, guidePolicyK}, nil},
			`{"tags":{"project":{"tag_key":"PROJECT","tag_value":["Maintenance"]}}}`},
		{"Inheritance examples, Example 6 the other way round: K attached first",
			[][]string{{guidePolicyK, guidePolicyJ}, nil},
			`{"tags":{"project":{"tag_key":"project","tag_value":["Maintenance"]}}}`},
		{"Tag policy syntax and examples: Policy A + Policy B = effective tag policy for account",
			[][]string{{syntaxKeyCase}, {syntaxValues}},
			`{"tags":{"Project":{"tag_value":["A","B"],"tag_key":"Project"},"CostCenter":{"tag_value":["Production","Test"],"tag_key":"CostCenter"}}}`},
		{"Tag policy syntax: a child cannot change a key locked with @@none",
			[][]string{{syntaxKeyCase}, nil, {`{"tags":{"Project":{"tag_key":{"@@assign":"PROJECT"}}}}`}},
			`{"tags":{"Project":{"tag_key":"Project"},"CostCenter":{"tag_key":"CostCenter"}}}`},
		{"AI services opt-out policy syntax, Example 1: [1] [2] [3] lock the default and the list of services",
			[][]string{{aiExample1}, {`{"services":{"default":{"opt_out_policy":{"@@assign":"optIn"},"extra":{"@@assign":"x"}},"lex":{"opt_out_policy":{"@@assign":"optIn"}}}}`}},
			`{"services":{"default":{"opt_out_policy":"optOut"}}}`},
		{"AI services opt-out policy syntax: @@none under services alone stops new services, not a change of default's setting",
			[][]string{{`{"services":{"@@operators_allowed_for_child_policies":["@@none"],"default":{"opt_out_policy":{"@@assign":"optOut"}}}}`},
				{`{"services":{"default":{"opt_out_policy":{"@@assign":"optIn"}},"lex":{"opt_out_policy":{"@@assign":"optIn"}}}}`}},
			`{"services":{"default":{"opt_out_policy":"optIn"}}}`},
		{"AI services opt-out policy syntax, Example 2: the account opts in to Lex only, the inherited default opts out of the rest",
			[][]string{{aiExample2Parent}, nil, {aiExample2Child}},
			`{"services":{"default":{"opt_out_policy":"optOut"},"lex":{"opt_out_policy":"optIn"}}}`},
		{"AI services opt-out policy syntax, Example 2: the child cannot change default nor add to it",
			[][]string{{aiExample2Parent}, {`{"services":{"default":{"opt_out_policy":{"@@assign":"optIn"},"extra":{"@@assign":"x"}}}}`}},
			`{"services":{"default":{"opt_out_policy":"optOut"}}}`},
		{"AI services opt-out policy syntax: the organization-wide default with Comprehend locked and Rekognition opted in",
			[][]string{{aiSyntaxRoot}, {`{"services":{"comprehend":{"opt_out_policy":{"@@assign":"optIn"}},"rekognition":{"opt_out_policy":{"@@assign":"optOut"}}}}`}},
			`{"services":{"default":{"opt_out_policy":"optOut"},"comprehend":{"opt_out_policy":"optOut"},"rekognition":{"opt_out_policy":"optOut"}}}`},
		{"Backup policy syntax, Example 5: a child policy overrides settings in a parent policy",
			[][]string{{backupEx5Parent}, nil, {backupEx5Child}}, backupEx5Effective},
		{"Backup policy syntax, Example 3: @@none at every node; the child's changes and plans are ignored",
			[][]string{{backupEx3Parent}, {backupChanges}}, backupEx3Effective},
		{"Backup policy syntax, Example 4: @@append on plans lets a child add a plan, the locked plan stays",
			[][]string{{strings.Replace(backupEx3Parent, `"plans":{"@@operators_allowed_for_child_policies":["@@none"]`, `"plans":{"@@operators_allowed_for_child_policies":["@@append"]`, 1)}, {backupChanges}},
			`{"plans":{"PII_Backup_Plan":{"regions":["us-east-1","ap-northeast-3","eu-north-1"],"rules":{"Hourly":{"schedule_expression":"cron(0 0/1 ? * * *)"}}},"MonthlyBackupPlan":{"regions":["eu-central-1"]}}}`},
		{"Inheritance operators: a child cannot lift a parent's limit",
			[][]string{{`{"a":{"@@operators_allowed_for_child_policies":["@@append"],"@@assign":["x"]}}`},
				{`{"a":{"@@operators_allowed_for_child_policies":["@@all"],"@@append":["y"]}}`},
				{`{"a":{"@@assign":["z"],"@@append":["w"]}}`}},
			`{"a":["x","y","w"]}`},
		{"Inheritance operators: @@assign on a lower level overwrites a whole array",
			[][]string{{`{"a":{"@@assign":["x","y"]},"n":{"@@assign":5}}`}, {`{"a":{"@@assign":["z"]}}`}},
			`{"a":["z"],"n":5}`},
		{"no policy on the path", [][]string{nil, nil}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := effectivePolicy(tc.levels)
			if err != nil {
				t.Fatalf("effectivePolicy: %v", err)
			}
			if (got == "") != (tc.want == "") || (got != "" && !sameJSON(t, got, tc.want)) {
				t.Errorf("effective policy\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestEffectivePolicyText checks the text is compact JSON, as
// describe-effective-policy shows it ("Viewing effective tag policies":
// "{\"tags\":{\"costcenter\":{\"tag_value\":[\"*\"],\"tag_key\":\"CostCenter\"}}}"),
// and that a document that is not a JSON object is an error.
func TestEffectivePolicyText(t *testing.T) {
	t.Parallel()
	got, err := effectivePolicy([][]string{{"{\n  \"tags\": {\"costcenter\": {\"tag_key\": {\"@@assign\": \"CostCenter\"},\n \"tag_value\": {\"@@assign\": [\"*\"]}}}}"}})
	if err != nil || strings.ContainsAny(got, " \n") || !sameJSON(t, got, `{"tags":{"costcenter":{"tag_value":["*"],"tag_key":"CostCenter"}}}`) {
		t.Errorf("effectivePolicy = %q, %v; want the compact document", got, err)
	}
	for _, bad := range []string{`[]`, `{"a":`, `{"a":{}} {}`} {
		if _, err := effectivePolicy([][]string{{bad}}); err == nil {
			t.Errorf("effectivePolicy(%s) = nil error, want one", bad)
		}
	}
}

func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return reflect.DeepEqual(x, y)
}
