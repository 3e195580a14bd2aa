package evaluator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// This file runs iam-simulate's simulation-engine integration cases
// (src/simulation_engine/simulationEngineIntegrationTests/**/*.json) that
// ask about one resource, by converting each into a core-engine case (see
// iamsimulate_test.go). The others ("wildcard" results) ask the simulation
// engine to expand a resource pattern into the resource types it may
// name, which is outside the evaluator: they are counted as out of scope.

// iamSimSimulationCase is one simulation-engine integration case.
type iamSimSimulationCase struct {
	Name       string `json:"name"`
	Simulation struct {
		IdentityPolicies           []iamSimNamedDoc        `json:"identityPolicies"`
		PermissionBoundaryPolicies []iamSimNamedDoc        `json:"permissionBoundaryPolicies"`
		SessionPolicy              json.RawMessage         `json:"sessionPolicy"`
		ResourcePolicy             json.RawMessage         `json:"resourcePolicy"`
		ServiceControlPolicies     []iamSimSimulationLevel `json:"serviceControlPolicies"`
		ResourceControlPolicies    []iamSimSimulationLevel `json:"resourceControlPolicies"`
		Request                    struct {
			Action           string                     `json:"action"`
			Resource         iamSimResource             `json:"resource"`
			Principal        json.RawMessage            `json:"principal"`
			ContextVariables map[string]json.RawMessage `json:"contextVariables"`
		} `json:"request"`
	} `json:"simulation"`
	SimulationOptions struct {
		SimulationMode string `json:"simulationMode"`
	} `json:"simulationOptions"`
	Expected struct {
		ResultType    string `json:"resultType"`
		OverallResult string `json:"overallResult"`
	} `json:"expected"`
}

type iamSimNamedDoc struct {
	Name   string          `json:"name"`
	Policy json.RawMessage `json:"policy"`
}

type iamSimSimulationLevel struct {
	OrgIdentifier string           `json:"orgIdentifier"`
	Policies      []iamSimNamedDoc `json:"policies"`
}

// coreCase converts a simulation case into the core engine's shape.
func (s *iamSimSimulationCase) coreCase() iamSimCase {
	sim := &s.Simulation
	var c iamSimCase
	c.Name = s.Name
	c.Request.Action = sim.Request.Action
	c.Request.Resource = sim.Request.Resource
	c.Request.Principal = sim.Request.Principal
	c.Request.Context = sim.Request.ContextVariables
	for _, p := range sim.IdentityPolicies {
		c.IdentityPolicies = append(c.IdentityPolicies, p.Policy)
	}
	for _, p := range sim.PermissionBoundaryPolicies {
		c.PermissionBoundaries = append(c.PermissionBoundaries, p.Policy)
	}
	c.SessionPolicy, c.ResourcePolicy = iamSimDoc(sim.SessionPolicy), iamSimDoc(sim.ResourcePolicy)
	c.ServiceControlPolicies = iamSimSimulationLevels(sim.ServiceControlPolicies)
	c.ResourceControlPolicies = iamSimSimulationLevels(sim.ResourceControlPolicies)
	c.Simulation.Mode = s.SimulationOptions.SimulationMode
	c.Expected.Response = s.Expected.OverallResult
	return c
}

// iamSimDoc is raw, or nil for an absent or null document.
func iamSimDoc(raw json.RawMessage) json.RawMessage {
	if string(raw) == "null" {
		return nil
	}
	return raw
}

func iamSimSimulationLevels(levels []iamSimSimulationLevel) []iamSimOrgLevel {
	var out []iamSimOrgLevel
	for _, lv := range levels {
		ol := iamSimOrgLevel{OrgIdentifier: lv.OrgIdentifier}
		for _, p := range lv.Policies {
			ol.Policies = append(ol.Policies, p.Policy)
		}
		out = append(out, ol)
	}
	return out
}

func TestIAMSimulateSimulationEngine(t *testing.T) {
	src := iamSimCheckout(t, "simulation-engine cases")
	dir := filepath.Join(src, "src", "simulation_engine", "simulationEngineIntegrationTests")
	files := iamSimFiles(t, dir)
	var total iamSimTally
	for _, rel := range files {
		t.Run(rel, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				t.Fatal(err)
			}
			var cases []iamSimSimulationCase
			if err := json.Unmarshal(b, &cases); err != nil {
				t.Fatalf("decode: %v", err)
			}
			var core []iamSimCase
			for i := range cases {
				if cases[i].Expected.ResultType != "single" {
					total.outOfScope++
					continue
				}
				core = append(core, cases[i].coreCase())
			}
			// The judged list is the core engine's: the two corpora hold
			// the same cases under the same file names.
			total.add(iamSimRunCases(t, rel, core, iamSimulateJudged, map[string]bool{}))
		})
	}
	t.Logf("iam-simulate simulation engine: %d files, %d single-resource cases run (%d normalized), %d agree, %d judged differences, %d out of scope",
		len(files), total.run, total.normalized, total.agree, total.judged, total.outOfScope)
}
