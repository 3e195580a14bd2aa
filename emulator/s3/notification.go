package s3

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"io"
	"strings"

	awsarn "github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/google/uuid"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// Event notifications: the configuration is checked and stored as AWS
// keeps it; no event is ever delivered, and a destination is never asked
// whether it exists (docs/deviations.md).

// notificationTargets maps each kind of destination configuration to the
// element naming its destination ARN, which AWS also names in its refusal
// of an ARN it cannot parse (ArgumentName "Queue", "Topic",
// "CloudFunction": LocalStack test_s3_notifications_{sqs,sns,lambda}
// test_invalid_*_arn, recorded against AWS 21 Jan 2025).
var notificationTargets = map[string]string{
	"QueueConfiguration":         "Queue",
	"TopicConfiguration":         "Topic",
	"CloudFunctionConfiguration": "CloudFunction",
}

// putBucketNotification serves PutBucketNotificationConfiguration.
func (h *Handler) putBucketNotification(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:PutBucketNotification"); err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	var in struct {
		XMLName xml.Name `xml:"NotificationConfiguration"`
		Inner   string   `xml:",innerxml"`
	}
	if err := xml.Unmarshal(raw, &in); err != nil {
		return nil, errMalformedXML()
	}
	doc := ""
	if strings.TrimSpace(in.Inner) != "" {
		stored, err := normalizeNotification(raw)
		if err != nil {
			return nil, err
		}
		doc = withNamespace(stored)
	}
	return nil, h.updateBucket(rq, func(b *store.Bucket) error {
		b.Notification = doc
		return nil
	})
}

// getBucketNotification serves GetBucketNotificationConfiguration.
func (h *Handler) getBucketNotification(rq *req) (*result, error) {
	b, err := h.bucketConfig(rq, "s3:GetBucketNotification")
	if err != nil {
		return nil, err
	}
	doc := b.Notification
	if doc == "" {
		doc = `<NotificationConfiguration xmlns="` + xmlns + `"></NotificationConfiguration>`
	}
	return &result{xml: rawXML(doc)}, nil
}

// normalizeNotification checks a notification configuration and returns
// it as AWS stores it. Refused, in document order: a filter rule without a
// Name or a Value (MalformedXML) or naming something other than prefix or
// suffix (InvalidArgument; LocalStack test_s3_api.snapshot.json
// TestS3BucketNotificationConfiguration, recorded 21 Feb 2026), and a
// destination that is no ARN (InvalidArgument "The ARN could not be
// parsed", whether or not x-amz-skip-destination-validation is sent:
// test_invalid_*_arn, invalid_skip). Stored: a filter rule's name in AWS's
// spelling, Prefix or Suffix, whatever its case when sent
// (test_s3_notifications_sqs test_filter_rules_case_insensitive), and an
// Id that S3 assigns to a configuration sent without one (the same
// recording; API_QueueConfiguration: "If you don't provide one, Amazon S3
// will assign an ID").
func normalizeNotification(raw []byte) ([]byte, error) {
	configs, err := checkNotification(raw)
	if err != nil {
		return nil, err
	}
	return rewriteNotification(raw, configs)
}

// notificationConfig is what checkNotification learns of one destination
// configuration, in document order.
type notificationConfig struct{ hasID bool }

// checkNotification reads raw's filter rules and destinations, refusing
// what AWS refuses; it returns the destination configurations in order.
func checkNotification(raw []byte) ([]notificationConfig, error) {
	var configs []notificationConfig
	dec := xml.NewDecoder(bytes.NewReader(raw))
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return configs, nil
		}
		if err != nil {
			return nil, errMalformedXML()
		}
		switch t := tok.(type) {
		case xml.EndElement:
			depth--
		case xml.StartElement:
			depth++
			if _, ok := notificationTargets[t.Name.Local]; ok && depth == 2 {
				c, err := checkDestination(dec, &t)
				if err != nil {
					return nil, err
				}
				configs = append(configs, c)
				depth--
			}
		}
	}
}

// checkDestination decodes one destination configuration (se has just
// been read) and checks its ARN and filter rules.
func checkDestination(dec *xml.Decoder, se *xml.StartElement) (notificationConfig, error) {
	var c struct {
		ID     *string `xml:"Id"`
		Topic  *string `xml:"Topic"`
		Queue  *string `xml:"Queue"`
		Func   *string `xml:"CloudFunction"`
		Filter struct {
			Rules []struct{ Name, Value *string } `xml:"S3Key>FilterRule"`
		} `xml:"Filter"`
	}
	if err := dec.DecodeElement(&c, se); err != nil {
		return notificationConfig{}, errMalformedXML()
	}
	for _, r := range c.Filter.Rules {
		if r.Name == nil || r.Value == nil {
			return notificationConfig{}, errMalformedXML()
		}
		if filterRuleName(*r.Name) == "" {
			return notificationConfig{}, errInvalidArgument("filter rule name must be either prefix or suffix", "FilterRule.Name", *r.Name)
		}
	}
	name := notificationTargets[se.Name.Local]
	target := map[string]*string{"Topic": c.Topic, "Queue": c.Queue, "CloudFunction": c.Func}[name]
	if target != nil {
		if _, err := awsarn.Parse(strings.TrimSpace(*target)); err != nil {
			return notificationConfig{}, errInvalidArgument("The ARN could not be parsed", name, *target)
		}
	}
	return notificationConfig{hasID: c.ID != nil}, nil
}

// filterRuleName is a filter rule's name as AWS writes it back, or "" for
// a name it refuses.
func filterRuleName(n string) string {
	switch strings.ToLower(n) {
	case "prefix":
		return "Prefix"
	case "suffix":
		return "Suffix"
	}
	return ""
}

// rewriteNotification copies raw, giving each destination configuration
// without an Id one (configs, in document order, says which) and writing
// filter rule names as AWS does.
func rewriteNotification(raw []byte, configs []notificationConfig) ([]byte, error) {
	var out bytes.Buffer
	dec := xml.NewDecoder(bytes.NewReader(raw))
	enc := xml.NewEncoder(&out)
	var path []string
	next := 0
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, errMalformedXML()
		}
		switch t := tok.(type) {
		case xml.ProcInst, xml.Directive, xml.Comment:
			continue
		case xml.StartElement:
			path = append(path, t.Name.Local)
			if err := enc.EncodeToken(t); err != nil {
				return nil, errMalformedXML()
			}
			if _, ok := notificationTargets[t.Name.Local]; ok && len(path) == 2 {
				if next < len(configs) && !configs[next].hasID {
					writeNotificationID(enc)
				}
				next++
			}
			continue
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.CharData:
			if n := len(path); n >= 2 && path[n-1] == "Name" && path[n-2] == "FilterRule" {
				tok = xml.CharData(filterRuleName(strings.TrimSpace(string(t))))
			}
		}
		if err := enc.EncodeToken(tok); err != nil {
			return nil, errMalformedXML()
		}
	}
	if err := enc.Flush(); err != nil {
		return nil, errMalformedXML()
	}
	return out.Bytes(), nil
}

// writeNotificationID writes an Id element S3 assigns. AWS's ids are
// opaque strings; the form here (a UUID, base64-encoded) is not recorded.
func writeNotificationID(enc *xml.Encoder) {
	id := base64.StdEncoding.EncodeToString([]byte(uuid.NewString()))
	_ = enc.EncodeElement(id, xml.StartElement{Name: xml.Name{Local: "Id"}})
}
