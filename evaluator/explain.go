package evaluator

// Message renders AWS's AccessDenied message for d, e.g. "User: ARN is not
// authorized to perform: ACTION on resource: ARN because no identity-based
// policy allows the ACTION action". The resource is not quoted (the form
// IAM and STS use); see MessageFor. For Allow it returns "".
func (d Decision) Message(req *Request) string {
	return d.MessageFor(req, false)
}

// MessageFor is Message with the resource optionally in double quotes, the
// form some services (such as S3 with its newer messages) use. A request
// whose Resource is "" or "*" gets no "on resource:" part.
//
// Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
func (d Decision) MessageFor(req *Request, quoted bool) string {
	if d.Effect == Allow {
		return ""
	}
	who := req.Principal.ARN
	if who == "" {
		switch {
		case req.Principal.Service != "":
			who = req.Principal.Service
		case req.Principal.Federated != "":
			who = req.Principal.Federated
		default:
			who = "anonymous"
		}
	}
	msg := "User: " + who + " is not authorized to perform: " + req.Action
	if req.Resource != "" && req.Resource != "*" {
		if quoted {
			msg += " on resource: \"" + req.Resource + "\""
		} else {
			msg += " on resource: " + req.Resource
		}
	}
	return msg + d.Reason(req)
}

// Reason is the clause Message appends: " with an explicit deny in a
// resource-based policy", " because no permissions boundary allows the
// s3:GetObject action", " with an explicit deny in the role trust policy",
// " with an explicit deny in a service control policy", " because no
// resource control policy allows the s3:GetObject action" (AWS's texts for
// the Organizations layers, as AWS returns them; see "Troubleshooting
// access denied error messages" in the IAM User Guide), and so on. A trust
// policy that does not allow
// sts:AssumeRole adds no clause, as STS does.
func (d Decision) Reason(req *Request) string {
	switch d.Effect {
	case ExplicitDeny:
		if d.Kind == KindTrust {
			// Access denied error messages: "with an explicit deny in
			// the role trust policy".
			return " with an explicit deny in the role trust policy"
		}
		return " with an explicit deny in " + article(d.Kind)
	case ImplicitDeny:
		if d.Kind == KindTrust {
			return ""
		}
		return " because no " + kindPhrase(d.Kind) + " allows the " + req.Action + " action"
	}
	return ""
}

func kindPhrase(k Kind) string {
	switch k {
	case KindSCP:
		return "service control policy"
	case KindRCP:
		return "resource control policy"
	case KindBoundary:
		return "permissions boundary"
	case KindSession:
		return "session policy"
	case KindResource, KindTrust:
		return "resource-based policy"
	}
	return "identity-based policy"
}

func article(k Kind) string {
	switch k {
	case KindSCP:
		return "a service control policy"
	case KindRCP:
		return "a resource control policy"
	case KindBoundary:
		return "a permissions boundary"
	case KindSession:
		return "a session policy"
	case KindResource, KindTrust:
		return "a resource-based policy"
	}
	return "an identity-based policy"
}
