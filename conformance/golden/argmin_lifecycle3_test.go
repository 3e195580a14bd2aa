package golden

import (
	"net/http"
	"testing"
)

// TestArgminLifecycleCanonicalXML is lifecycle.rs
// test_bucket_lifecycle_raw_get_returns_canonical_xml: an indented
// configuration without namespace, its elements out of order (Status before
// the action, Filter after it, ID last; an And filter's Tag before its
// Prefix), is kept and read back compact, each rule as ID, Filter, Status
// and its action, an And filter as Prefix then Tag.
func TestArgminLifecycleCanonicalXML(t *testing.T) {
	src := argmin("lifecycle.rs", "test_bucket_lifecycle_raw_get_returns_canonical_xml")
	const ns = ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`
	loose := []byte(`
            <LifecycleConfiguration>
                <Rule>
                    <Status>Enabled</Status>
                    <Expiration>
                        <Days>30</Days>
                    </Expiration>
                    <Filter>
                        <And>
                            <Tag>
                                <Key>env</Key>
                                <Value>prod</Value>
                            </Tag>
                            <Prefix>logs/</Prefix>
                        </And>
                    </Filter>
                    <ID>rule-a</ID>
                </Rule>
                <Rule>
                    <AbortIncompleteMultipartUpload>
                        <DaysAfterInitiation>7</DaysAfterInitiation>
                    </AbortIncompleteMultipartUpload>
                    <Status>Disabled</Status>
                    <Filter>
                        <Prefix>uploads/</Prefix>
                    </Filter>
                    <ID>rule-b</ID>
                </Rule>
            </LifecycleConfiguration>
        `)
	put := objRaw(http.MethodPut, "/"+argminBkt+"?lifecycle", loose, http.Header{"Content-Md5": {argminMD5(loose)}})
	canonical := "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LifecycleConfiguration" + ns + ">" +
		"<Rule><ID>rule-a</ID><Filter><And><Prefix>logs/</Prefix><Tag><Key>env</Key><Value>prod</Value></Tag></And></Filter>" +
		"<Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule>" +
		"<Rule><ID>rule-b</ID><Filter><Prefix>uploads/</Prefix></Filter><Status>Disabled</Status>" +
		"<AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>" +
		"</LifecycleConfiguration>"
	Run(t, []Case{
		argminCase("PutBucketLifecycleConfiguration/an indented body, elements out of order", src, objBucket(), put, Want{}),
		argminCase("GetBucketLifecycleConfiguration/compact XML after an indented body", src, objBucket(objStep(put)),
			objRaw(http.MethodGet, "/"+argminBkt+"?lifecycle", nil, nil), Want{Fields: map[string]any{"Body": canonical}}),
	})
}
