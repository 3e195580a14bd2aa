package evaluator

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusCase is one file of testdata/corpus: a scenario from the AWS
// documentation with the outcome the documentation states.
type corpusCase struct {
	Source      string `json:"source"`
	Description string `json:"description"`
	// Parse, when set, makes the case a validation case: Document is
	// parsed as Kind and must fail with Expect.Error (or succeed when
	// Expect.Error is empty).
	Parse *struct {
		Kind     string `json:"kind"`
		Document string `json:"document"`
	} `json:"parse"`
	Policies struct {
		Identity     []json.RawMessage `json:"identity"`
		Boundary     json.RawMessage   `json:"boundary"`
		Session      []json.RawMessage `json:"session"`
		HasSession   bool              `json:"hasSession"`
		Resource     json.RawMessage   `json:"resource"`
		ResourceKind string            `json:"resourceKind"`
		// SCP and RCP are the Organizations layers, root level first.
		SCP []corpusLevel `json:"scp"`
		RCP []corpusLevel `json:"rcp"`
	} `json:"policies"`
	Request struct {
		Principal struct {
			Type        string `json:"type"`
			ARN         string `json:"arn"`
			Account     string `json:"account"`
			UserID      string `json:"userId"`
			Username    string `json:"username"`
			RoleARN     string `json:"roleArn"`
			SessionName string `json:"sessionName"`
			Service     string `json:"service"`
			Federated   string `json:"federated"`
		} `json:"principal"`
		Action          string              `json:"action"`
		Resource        string              `json:"resource"`
		ResourceAccount string              `json:"resourceAccount"`
		Context         map[string][]string `json:"context"`
	} `json:"request"`
	Expect struct {
		Decision string `json:"decision"`
		// Kind is checked when non-empty (the guide does not always say
		// which policy type an implicit deny is reported against).
		Kind string `json:"kind"`
		// Message, when non-empty, is the AccessDenied message the guide
		// shows for the case.
		Message string `json:"message"`
		// Error is the expected ParseError message of a Parse case.
		Error string `json:"error"`
	} `json:"expect"`
}

// corpusLevel is one level of an organization (root, OU, account) and the
// SCPs or RCPs attached to it.
type corpusLevel struct {
	Target   string            `json:"target"`
	Policies []json.RawMessage `json:"policies"`
}

func corpusOrg(t *testing.T, levels []corpusLevel, kind Kind) []OrgLevel {
	t.Helper()
	var out []OrgLevel
	for _, lv := range levels {
		ol := OrgLevel{Target: lv.Target, Policies: []NamedPolicy{}}
		for i, raw := range lv.Policies {
			ol.Policies = append(ol.Policies, named(t, lv.Target+"-"+kind.String()+"-"+string(rune('0'+i)), string(raw), kind))
		}
		out = append(out, ol)
	}
	return out
}

func TestCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("got %d corpus cases, want at least 100", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var c corpusCase
			dec := json.NewDecoder(strings.NewReader(string(b)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&c); err != nil {
				t.Fatalf("decode: %v", err)
			}
			if !strings.HasPrefix(c.Source, "https://docs.aws.amazon.com/") {
				t.Errorf("source %q is not an AWS documentation URL", c.Source)
			}
			if c.Parse != nil {
				runParseCase(t, &c)
				return
			}
			var ps PolicySet
			for i, raw := range c.Policies.Identity {
				ps.Identity = append(ps.Identity, named(t, "identity-"+string(rune('0'+i)), string(raw), KindIdentity))
			}
			if len(c.Policies.Boundary) > 0 {
				ps.Boundary = namedPtr(t, "boundary", string(c.Policies.Boundary), KindBoundary)
			}
			for i, raw := range c.Policies.Session {
				ps.Session = append(ps.Session, named(t, "session-"+string(rune('0'+i)), string(raw), KindSession))
			}
			ps.HasSession = c.Policies.HasSession || len(ps.Session) > 0
			if len(c.Policies.Resource) > 0 {
				k := KindResource
				if c.Policies.ResourceKind == "trust" {
					k = KindTrust
				}
				ps.Resource = namedPtr(t, "resource", string(c.Policies.Resource), k)
				ps.ResourceKind = k
			} else if c.Policies.ResourceKind == "trust" {
				ps.ResourceKind = KindTrust
			}
			ps.SCP = corpusOrg(t, c.Policies.SCP, KindSCP)
			ps.RCP = corpusOrg(t, c.Policies.RCP, KindRCP)
			rp := c.Request.Principal
			req := Request{
				Principal: Principal{
					Type: PrincipalType(rp.Type), ARN: rp.ARN, Account: rp.Account, UserID: rp.UserID, Username: rp.Username,
					RoleARN: rp.RoleARN, SessionName: rp.SessionName, Service: rp.Service, Federated: rp.Federated,
				},
				Action: c.Request.Action, Resource: c.Request.Resource, ResourceAccount: c.Request.ResourceAccount,
				Context: Context{},
			}
			for k, v := range c.Request.Context {
				req.Context.Set(k, v...)
			}
			d := Evaluate(&req, &ps)
			if d.Effect.String() != c.Expect.Decision || (c.Expect.Kind != "" && d.Kind.String() != c.Expect.Kind) {
				t.Errorf("%s\n(%s)\ngot %v/%v, want %s/%s: %s", c.Description, c.Source, d.Effect, d.Kind, c.Expect.Decision, c.Expect.Kind, d.Message(&req))
			}
			if c.Expect.Message != "" {
				if got := d.Message(&req); got != c.Expect.Message {
					t.Errorf("%s\n(%s)\ngot message  %q\nwant message %q", c.Description, c.Source, got, c.Expect.Message)
				}
			}
			// EvaluatePolicies must agree with Evaluate.
			if d2 := EvaluatePolicies(&req, &ps); d2.Effect != d.Effect || d2.Kind != d.Kind {
				t.Errorf("EvaluatePolicies got %v/%v, Evaluate got %v/%v", d2.Effect, d2.Kind, d.Effect, d.Kind)
			}
		})
	}
}

func runParseCase(t *testing.T, c *corpusCase) {
	t.Helper()
	kinds := map[string]Kind{"identity": KindIdentity, "boundary": KindBoundary, "session": KindSession, "resource": KindResource, "trust": KindTrust}
	k, ok := kinds[c.Parse.Kind]
	if !ok {
		t.Fatalf("unknown parse kind %q", c.Parse.Kind)
	}
	_, err := Parse(c.Parse.Document, k)
	got := ""
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("Parse returned %T, want *ParseError", err)
		}
		got = pe.Message
	}
	if got != c.Expect.Error {
		t.Errorf("%s\n(%s)\ngot error %q, want %q", c.Description, c.Source, got, c.Expect.Error)
	}
}
