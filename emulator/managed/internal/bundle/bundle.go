// Package bundle defines the layout of policies.json.gz, the compressed
// file that holds every AWS managed policy: shared by the generator that
// writes it and package managed that reads it.
//
// After gunzip the file is one line of JSON (an Index), a newline, then the
// policy documents back to back in Index order, each Index entry giving its
// document's length in bytes. Documents stay text until something evaluates
// or returns them.
package bundle

// Index describes the bundle: where the policies came from and each
// policy's metadata.
type Index struct {
	Source   string  `json:"source"`   // e.g. "github.com/zoph-io/MAMIP"
	Commit   string  `json:"commit"`   // the source commit the documents were read at
	Date     string  `json:"date"`     // that commit's date, RFC 3339
	Policies []Entry `json:"policies"` // sorted by name
}

// Entry is one policy's metadata as GetPolicy reports it.
type Entry struct {
	Name           string `json:"n"`
	Path           string `json:"p"`
	ID             string `json:"i"`
	DefaultVersion string `json:"v"`
	Description    string `json:"d,omitempty"`
	Created        string `json:"c"`            // CreateDate, RFC 3339
	Updated        string `json:"u"`            // UpdateDate, RFC 3339
	VersionCreated string `json:"vc"`           // the default version's CreateDate
	NotAttachable  bool   `json:"na,omitempty"` // IsAttachable false (rare)
	DocumentLength int    `json:"len"`          // bytes of the document that follows
}
