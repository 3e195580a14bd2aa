package evaluator

import (
	"encoding/json"
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
	Policies    struct {
		Identity     []json.RawMessage `json:"identity"`
		Boundary     json.RawMessage   `json:"boundary"`
		Session      []json.RawMessage `json:"session"`
		HasSession   bool              `json:"hasSession"`
		Resource     json.RawMessage   `json:"resource"`
		ResourceKind string            `json:"resourceKind"`
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
		Kind     string `json:"kind"`
	} `json:"expect"`
}

func TestCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 25 {
		t.Fatalf("got %d corpus cases, want at least 25", len(files))
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
			if d.Effect.String() != c.Expect.Decision || d.Kind.String() != c.Expect.Kind {
				t.Errorf("%s\n(%s)\ngot %v/%v, want %s/%s: %s", c.Description, c.Source, d.Effect, d.Kind, c.Expect.Decision, c.Expect.Kind, d.Message(&req))
			}
		})
	}
}
