package golden

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Replication, metrics, analytics, inventory and Intelligent-Tiering
// configurations kept and read back (emulator/s3 replication.go,
// bucketconfigs.go). The answers to a bucket without one are in
// s3more_test.go (TestS3MoreUnkeptConfigurations).

const (
	replSrc = "golden-repl-src"
	replDst = "golden-repl-dst"
)

// putReplication puts cfg on replSrc as owner.
func putReplication(ctx context.Context, w *World, cfg *types.ReplicationConfiguration) (any, error) {
	return w.S3(Root(owner)).PutBucketReplication(ctx, &s3.PutBucketReplicationInput{Bucket: aws.String(replSrc), ReplicationConfiguration: cfg})
}

func getReplication(ctx context.Context, w *World) (any, error) {
	return w.S3(Root(owner)).GetBucketReplication(ctx, &s3.GetBucketReplicationInput{Bucket: aws.String(replSrc)})
}

// taxRule is the rule of TestS3BucketReplication::test_replication_config:
// no ID, priority 1, prefix filter "Tax".
func taxRule(dst string) *types.ReplicationConfiguration {
	return &types.ReplicationConfiguration{Role: aws.String("arn:aws:iam::" + owner + ":role/replication"),
		Rules: []types.ReplicationRule{{Status: types.ReplicationRuleStatusEnabled, Priority: aws.Int32(1),
			DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusDisabled},
			Filter:                  &types.ReplicationRuleFilter{Prefix: aws.String("Tax")},
			Destination:             &types.Destination{Bucket: aws.String("arn:aws:s3:::" + dst)}}}}
}

// rtcRule is the rule of test_replication_config_without_filter: ID
// "rtc", priority 0, an empty filter, Replication Time Control.
func rtcRule(dst string) *types.ReplicationConfiguration {
	return &types.ReplicationConfiguration{Role: aws.String("arn:aws:iam::" + owner + ":role/replication"),
		Rules: []types.ReplicationRule{{ID: aws.String("rtc"), Priority: aws.Int32(0), Filter: &types.ReplicationRuleFilter{},
			Status: types.ReplicationRuleStatusDisabled,
			Destination: &types.Destination{Bucket: aws.String("arn:aws:s3:::" + dst), StorageClass: types.StorageClassStandard,
				ReplicationTime: &types.ReplicationTime{Status: types.ReplicationTimeStatusEnabled, Time: &types.ReplicationTimeValue{Minutes: aws.Int32(15)}},
				Metrics:         &types.Metrics{Status: types.MetricsStatusEnabled, EventThreshold: &types.ReplicationTimeValue{Minutes: aws.Int32(15)}}},
			DeleteMarkerReplication: &types.DeleteMarkerReplication{Status: types.DeleteMarkerReplicationStatusDisabled}}}}
}

func TestS3ReplicationConfigurations(t *testing.T) {
	const (
		repl   = "TestS3BucketReplication::test_replication_config"
		noFilt = "TestS3BucketReplication::test_replication_config_without_filter"
	)
	bothVersioned := func(ctx context.Context, t *testing.T, w *World) {
		versioned(ctx, t, w, replSrc, "Enabled")
		versioned(ctx, t, w, replDst, "Enabled")
	}
	withConfig := func(cfg *types.ReplicationConfiguration) func(ctx context.Context, t *testing.T, w *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			bothVersioned(ctx, t, w)
			if _, err := putReplication(ctx, w, cfg); err != nil {
				t.Fatalf("set-up PutBucketReplication: %v", err)
			}
		}
	}
	destVersioning := Want{Status: 400, Code: "InvalidRequest", Message: "Destination bucket must have versioning enabled."}
	Run(t, []Case{
		{Name: "PutBucketReplication/kept", Source: localstack(moreS3, repl, "put-bucket-replication", "2026-02-21"),
			Setup: bothVersioned,
			Call:  func(ctx context.Context, w *World) (any, error) { return putReplication(ctx, w, taxRule(replDst)) }},
		{Name: "GetBucketReplication/rule without ID", Source: localstack(moreS3, repl, "get-bucket-replication", "2026-02-21") +
			" (the ID, sent none, is read back as one AWS chose)",
			Setup: withConfig(taxRule(replDst)), Call: getReplication,
			Want: Want{Fields: map[string]any{"ReplicationConfiguration.Role": "arn:aws:iam::" + owner + ":role/replication",
				"ReplicationConfiguration.Rules": Len(1), "ReplicationConfiguration.Rules[0].ID": Match(`^.+$`),
				"ReplicationConfiguration.Rules[0].Priority": 1, "ReplicationConfiguration.Rules[0].Status": "Enabled",
				"ReplicationConfiguration.Rules[0].Filter.Prefix": "Tax", "ReplicationConfiguration.Rules[0].DeleteMarkerReplication.Status": "Disabled",
				"ReplicationConfiguration.Rules[0].Destination.Bucket": "arn:aws:s3:::" + replDst, "ReplicationConfiguration.Rules[0].Prefix": Absent}}},
		{Name: "GetBucketReplication/empty filter and RTC", Source: localstack(moreS3, noFilt, "get-bucket-replication", "2026-02-21"),
			Setup: withConfig(rtcRule(replDst)), Call: getReplication,
			Want: Want{Fields: map[string]any{"ReplicationConfiguration.Rules": Len(1), "ReplicationConfiguration.Rules[0].ID": "rtc",
				"ReplicationConfiguration.Rules[0].Priority": 0, "ReplicationConfiguration.Rules[0].Status": "Disabled",
				"ReplicationConfiguration.Rules[0].Filter":                                     Present,
				"ReplicationConfiguration.Rules[0].Destination.StorageClass":                   "STANDARD",
				"ReplicationConfiguration.Rules[0].Destination.ReplicationTime.Status":         "Enabled",
				"ReplicationConfiguration.Rules[0].Destination.ReplicationTime.Time.Minutes":   15,
				"ReplicationConfiguration.Rules[0].Destination.Metrics.Status":                 "Enabled",
				"ReplicationConfiguration.Rules[0].Destination.Metrics.EventThreshold.Minutes": 15,
				"ReplicationConfiguration.Rules[0].DeleteMarkerReplication.Status":             "Disabled"}}},
		{Name: "PutBucketReplication/destination does not exist", Source: localstack(moreS3, noFilt, "expected_error_dest_does_not_exist", "2026-02-21"),
			Setup: func(ctx context.Context, t *testing.T, w *World) { versioned(ctx, t, w, replSrc, "Enabled") },
			Call: func(ctx context.Context, w *World) (any, error) {
				return putReplication(ctx, w, rtcRule("golden-does-not-exist"))
			},
			Want: destVersioning},
		{Name: "PutBucketReplication/destination not versioned", Source: localstack(moreS3, noFilt, "expected_error_dest_versioning_disabled", "2026-02-21"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				versioned(ctx, t, w, replSrc, "Enabled")
				bucket(ctx, t, w, replDst)
			},
			Call: func(ctx context.Context, w *World) (any, error) { return putReplication(ctx, w, rtcRule(replDst)) },
			Want: destVersioning},
		{Name: "PutBucketReplication/no rules", Source: localstack(moreS3, repl, "put-empty-bucket-replication-rules", "2026-02-21"),
			Setup: withConfig(taxRule(replDst)),
			Call: func(ctx context.Context, w *World) (any, error) {
				return putReplication(ctx, w, &types.ReplicationConfiguration{Role: aws.String("arn:aws:iam::" + owner + ":role/replication"), Rules: []types.ReplicationRule{}})
			},
			Want: Want{Status: 400, Code: "MalformedXML", Message: msgMalformedXML}},
		{Name: "PutBucketReplication/DeleteMarkerReplication in a rule without Filter",
			Source: issue("https://github.com/rust-lang/simpleinfra/pull/468 (2024-08-21)",
				"InvalidRequest: DeleteMarkerReplication cannot be used for this version of Cross Region Replication configuration schema. Please refer to S3 Developer Guide for more information."),
			Setup: bothVersioned,
			Call: func(ctx context.Context, w *World) (any, error) {
				cfg := taxRule(replDst)
				cfg.Rules[0].Filter, cfg.Rules[0].Priority = nil, nil
				//lint:ignore SA1019 the earlier schema's Prefix is what this case sends
				cfg.Rules[0].Prefix = aws.String("Tax")
				return putReplication(ctx, w, cfg)
			},
			Want: Want{Status: 400, Code: "InvalidRequest",
				Message: "DeleteMarkerReplication cannot be used for this version of Cross Region Replication configuration schema. Please refer to S3 Developer Guide for more information."}},
		{Name: "DeleteBucketReplication/kept", Source: localstack(moreS3, repl, "delete-bucket-replication", "2026-02-21"),
			Setup: withConfig(taxRule(replDst)),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).DeleteBucketReplication(ctx, &s3.DeleteBucketReplicationInput{Bucket: aws.String(replSrc)})
			},
			Want: Want{Status: 204}},
	})
}

// metricsOn puts a metrics configuration of id filtering prefix on
// opsBucket.
func metricsOn(id, prefix string) s3Setup {
	return run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketMetricsConfiguration(ctx, &s3.PutBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: aws.String(id),
			MetricsConfiguration: &types.MetricsConfiguration{Id: aws.String(id), Filter: &types.MetricsFilterMemberPrefix{Value: prefix}}})
	})
}

func getMetrics(id string) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketMetricsConfiguration(ctx, &s3.GetBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: aws.String(id)})
	}
}

func TestS3MetricsConfigurations(t *testing.T) {
	const m = "TestS3MetricsConfiguration::"
	hundredAndTwo := make([]s3Setup, 0, 102)
	for i := range 102 {
		hundredAndTwo = append(hundredAndTwo, metricsOn(fmt.Sprintf("%d-golden", 100+i), "logs/prefix"))
	}
	secondPage := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		first, err := c.ListBucketMetricsConfigurations(ctx, &s3.ListBucketMetricsConfigurationsInput{Bucket: aws.String(b)})
		if err != nil {
			return nil, err
		}
		if len(first.MetricsConfigurationList) != 100 || first.NextContinuationToken == nil {
			return nil, fmt.Errorf("first page: %d configurations, next token %v", len(first.MetricsConfigurationList), first.NextContinuationToken)
		}
		return c.ListBucketMetricsConfigurations(ctx, &s3.ListBucketMetricsConfigurationsInput{Bucket: aws.String(b), ContinuationToken: first.NextContinuationToken})
	}
	Run(t, []Case{
		noContent(s3OK("PutBucketMetricsConfiguration/kept", localstack(moreAPI, m+"test_put_bucket_metrics_configuration", "put_bucket_metrics_configuration", "2026-02-21"),
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketMetricsConfiguration(ctx, &s3.PutBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: aws.String("m1"),
					MetricsConfiguration: &types.MetricsConfiguration{Id: aws.String("m1"), Filter: &types.MetricsFilterMemberPrefix{Value: "logs/"}}})
			}, nil)),
		s3OK("GetBucketMetricsConfiguration/kept", localstack(moreAPI, m+"test_get_bucket_metrics_configuration", "get_bucket_metrics_configuration", "2026-02-21"),
			s3Steps(metricsOn("m1", "logs/")), getMetrics("m1"),
			map[string]any{"MetricsConfiguration.Id": "m1", "MetricsConfiguration.Filter.Value": "logs/"}),
		s3OK("GetBucketMetricsConfiguration/overwritten", localstack(moreAPI, m+"test_overwrite_bucket_metrics_configuration", "get_bucket_metrics_configuration", "2026-02-21"),
			s3Steps(metricsOn("m1", "logs/"), metricsOn("m1", "logs/new-prefix")), getMetrics("m1"),
			map[string]any{"MetricsConfiguration.Id": "m1", "MetricsConfiguration.Filter.Value": "logs/new-prefix"}),
		s3OK("ListBucketMetricsConfigurations/two", localstack(moreAPI, m+"test_list_bucket_metrics_configurations", "list_bucket_metrics_configurations", "2026-02-21"),
			s3Steps(metricsOn("2-b", "logs/prefix"), metricsOn("1-a", "logs/prefix")),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListBucketMetricsConfigurations(ctx, &s3.ListBucketMetricsConfigurationsInput{Bucket: aws.String(b)})
			},
			map[string]any{"IsTruncated": false, "MetricsConfigurationList": Len(2), "MetricsConfigurationList[0].Id": "1-a",
				"MetricsConfigurationList[1].Id": "2-b", "MetricsConfigurationList[1].Filter.Value": "logs/prefix", "NextContinuationToken": Absent}),
		s3OK("ListBucketMetricsConfigurations/second page", localstack(moreAPI, m+"test_list_bucket_metrics_configurations_paginated", "list_bucket_metrics_configurations_page_2", "2026-02-21"),
			hundredAndTwo, secondPage,
			map[string]any{"IsTruncated": false, "ContinuationToken": Present, "NextContinuationToken": Absent, "MetricsConfigurationList": Len(2),
				"MetricsConfigurationList[0].Id": "200-golden", "MetricsConfigurationList[1].Id": "201-golden"}),
		s3Fails("PutBucketMetricsConfiguration/id other than the query's", issue("https://github.com/aws/aws-cli/issues/4476",
			"put-bucket-metrics-configuration --id myid2 with a body Id avc: MalformedXML"),
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketMetricsConfiguration(ctx, &s3.PutBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: aws.String("myid2"),
					MetricsConfiguration: &types.MetricsConfiguration{Id: aws.String("avc"), Filter: &types.MetricsFilterMemberPrefix{Value: "testing/path=test1"}}})
			}, 400, "MalformedXML", msgMalformedXML),
		noContent(s3OK("DeleteBucketMetricsConfiguration/kept", localstack(moreAPI, m+"test_delete_metrics_configuration", "delete_bucket_metrics_configuration", "2026-02-21"),
			s3Steps(metricsOn("m1", "logs/")), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketMetricsConfiguration(ctx, &s3.DeleteBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: aws.String("m1")})
			}, nil)),
		s3Fails("GetBucketMetricsConfiguration/deleted", localstack(moreAPI, m+"test_delete_metrics_configuration", "get_bucket_metrics_configuration", "2026-02-21"),
			s3Steps(metricsOn("m1", "logs/"), run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketMetricsConfiguration(ctx, &s3.DeleteBucketMetricsConfigurationInput{Bucket: aws.String(b), Id: aws.String("m1")})
			})), getMetrics("m1"), 404, "NoSuchConfiguration", "The specified configuration does not exist."),
	})
}

// analyticsConfig is the configuration of TestS3::test_s3_analytics_configurations.
func analyticsConfig(id, prefix string) *types.AnalyticsConfiguration {
	return &types.AnalyticsConfiguration{Id: aws.String(id), Filter: &types.AnalyticsFilterMemberPrefix{Value: prefix},
		StorageClassAnalysis: &types.StorageClassAnalysis{DataExport: &types.StorageClassAnalysisDataExport{
			OutputSchemaVersion: types.StorageClassAnalysisSchemaVersionV1,
			Destination: &types.AnalyticsExportDestination{S3BucketDestination: &types.AnalyticsS3BucketDestination{
				Format: types.AnalyticsS3ExportFileFormatCsv, Bucket: aws.String("arn:aws:s3:::golden-analytics"), Prefix: aws.String("test")}}}}}
}

func putAnalytics(id string, cfg *types.AnalyticsConfiguration) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketAnalyticsConfiguration(ctx, &s3.PutBucketAnalyticsConfigurationInput{Bucket: aws.String(b), Id: aws.String(id), AnalyticsConfiguration: cfg})
	}
}

func TestS3AnalyticsConfigurations(t *testing.T) {
	const test = "TestS3::test_s3_analytics_configurations"
	const one, two = "config_with_storage_analysis_1", "config_with_storage_analysis_2"
	get := func(id string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetBucketAnalyticsConfiguration(ctx, &s3.GetBucketAnalyticsConfigurationInput{Bucket: aws.String(b), Id: aws.String(id)})
		}
	}
	list := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListBucketAnalyticsConfigurations(ctx, &s3.ListBucketAnalyticsConfigurationsInput{Bucket: aws.String(b)})
	}
	del := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketAnalyticsConfiguration(ctx, &s3.DeleteBucketAnalyticsConfigurationInput{Bucket: aws.String(b), Id: aws.String(one)})
	}
	both := s3Steps(run(putAnalytics(one, analyticsConfig(one, "test_ls_2"))), run(putAnalytics(two, analyticsConfig(two, "test_ls_3"))))
	dest := "AnalyticsConfiguration.StorageClassAnalysis.DataExport."
	Run(t, []Case{
		s3Fails("PutBucketAnalyticsConfiguration/id other than the query's", localstack(moreS3, test, "put_config_with_storage_analysis_err", "2026-02-21"),
			nil, putAnalytics("different-id", analyticsConfig(one, "test_ls")), 400, "MalformedXML", msgMalformedXML),
		noContent(s3OK("PutBucketAnalyticsConfiguration/kept", localstack(moreS3, test, "put_config_with_storage_analysis_1", "2026-02-21"),
			nil, putAnalytics(one, analyticsConfig(one, "test_ls")), nil)),
		s3OK("GetBucketAnalyticsConfiguration/kept", localstack(moreS3, test, "get_config_with_storage_analysis_1", "2026-02-21"),
			s3Steps(run(putAnalytics(one, analyticsConfig(one, "test_ls")))), get(one),
			map[string]any{"AnalyticsConfiguration.Id": one, "AnalyticsConfiguration.Filter.Value": "test_ls", dest + "OutputSchemaVersion": "V_1",
				dest + "Destination.S3BucketDestination.Format": "CSV", dest + "Destination.S3BucketDestination.Prefix": "test",
				dest + "Destination.S3BucketDestination.Bucket": "arn:aws:s3:::golden-analytics"}),
		s3OK("ListBucketAnalyticsConfigurations/two", localstack(moreS3, test, "list_config_with_storage_analysis_1", "2026-02-21"),
			both, list, map[string]any{"IsTruncated": false, "AnalyticsConfigurationList": Len(2), "AnalyticsConfigurationList[0].Id": one,
				"AnalyticsConfigurationList[0].Filter.Value": "test_ls_2", "AnalyticsConfigurationList[1].Id": two}),
		noContent(s3OK("DeleteBucketAnalyticsConfiguration/kept", localstack(moreS3, test, "list_config_with_storage_analysis_2", "2026-02-21")+
			" (the delete before it succeeded; 204 as recorded for the other configurations' deletes)", both, del, nil)),
		s3OK("ListBucketAnalyticsConfigurations/after a delete", localstack(moreS3, test, "list_config_with_storage_analysis_2", "2026-02-21"),
			append(both, run(del)), list, map[string]any{"IsTruncated": false, "AnalyticsConfigurationList": Len(1), "AnalyticsConfigurationList[0].Id": two}),
	})
}

// tieringConfig is the configuration of TestS3::test_s3_intelligent_tier_config.
func tieringConfig(id, prefix string) *types.IntelligentTieringConfiguration {
	return &types.IntelligentTieringConfiguration{Id: aws.String(id), Filter: &types.IntelligentTieringFilter{Prefix: aws.String(prefix)},
		Status: types.IntelligentTieringStatusEnabled, Tierings: []types.Tiering{{Days: aws.Int32(90), AccessTier: types.IntelligentTieringAccessTierArchiveAccess}}}
}

func putTiering(id string, cfg *types.IntelligentTieringConfiguration) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketIntelligentTieringConfiguration(ctx, &s3.PutBucketIntelligentTieringConfigurationInput{Bucket: aws.String(b), Id: aws.String(id),
			IntelligentTieringConfiguration: cfg})
	}
}

func TestS3IntelligentTieringConfigurations(t *testing.T) {
	const test = "TestS3::test_s3_intelligent_tier_config"
	list := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListBucketIntelligentTieringConfigurations(ctx, &s3.ListBucketIntelligentTieringConfigurationsInput{Bucket: aws.String(b)})
	}
	del := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteBucketIntelligentTieringConfiguration(ctx, &s3.DeleteBucketIntelligentTieringConfigurationInput{Bucket: aws.String(b), Id: aws.String("test1")})
	}
	both := s3Steps(run(putTiering("test1", tieringConfig("test1", "test1"))), run(putTiering("test2", tieringConfig("test2", "test2"))))
	Run(t, []Case{
		s3Fails("PutBucketIntelligentTieringConfiguration/id other than the query's", localstack(moreS3, test, "put_bucket_intelligent_tiering_configuration_err_1`", "2026-02-21"),
			nil, putTiering("incorrect_id", tieringConfig("test1", "test1")), 400, "MalformedXML", msgMalformedXML),
		noContent(s3OK("PutBucketIntelligentTieringConfiguration/kept", localstack(moreS3, test, "put_bucket_intelligent_tiering_configuration_1", "2026-02-21"),
			nil, putTiering("test1", tieringConfig("test1", "test1")), nil)),
		s3OK("GetBucketIntelligentTieringConfiguration/kept", localstack(moreS3, test, "get_bucket_intelligent_tiering_configuration_1", "2026-02-21"),
			s3Steps(run(putTiering("test1", tieringConfig("test1", "test1")))),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketIntelligentTieringConfiguration(ctx, &s3.GetBucketIntelligentTieringConfigurationInput{Bucket: aws.String(b), Id: aws.String("test1")})
			},
			map[string]any{"IntelligentTieringConfiguration.Id": "test1", "IntelligentTieringConfiguration.Filter.Prefix": "test1",
				"IntelligentTieringConfiguration.Status": "Enabled", "IntelligentTieringConfiguration.Tierings": Len(1),
				"IntelligentTieringConfiguration.Tierings[0].AccessTier": "ARCHIVE_ACCESS", "IntelligentTieringConfiguration.Tierings[0].Days": 90}),
		s3OK("ListBucketIntelligentTieringConfigurations/two", localstack(moreS3, test, "list_bucket_intelligent_tiering_configurations_1", "2026-02-21"),
			both, list, map[string]any{"IsTruncated": false, "IntelligentTieringConfigurationList": Len(2),
				"IntelligentTieringConfigurationList[0].Id": "test1", "IntelligentTieringConfigurationList[1].Id": "test2"}),
		s3OK("ListBucketIntelligentTieringConfigurations/one replaced", localstack(moreS3, test, "list_bucket_intelligent_tiering_configurations_2", "2026-02-21"),
			append(both, run(putTiering("test1", tieringConfig("test1", "testupdate")))), list,
			map[string]any{"IntelligentTieringConfigurationList": Len(2), "IntelligentTieringConfigurationList[0].Filter.Prefix": "testupdate",
				"IntelligentTieringConfigurationList[1].Filter.Prefix": "test2"}),
		noContent(s3OK("DeleteBucketIntelligentTieringConfiguration/kept", localstack(moreS3, test, "list_bucket_intelligent_tiering_configurations_3", "2026-02-21")+
			" (the delete before it succeeded; 204 as recorded for the other configurations' deletes)", both, del, nil)),
		s3OK("ListBucketIntelligentTieringConfigurations/after a delete", localstack(moreS3, test, "list_bucket_intelligent_tiering_configurations_3", "2026-02-21"),
			append(both, run(del)), list, map[string]any{"IntelligentTieringConfigurationList": Len(1), "IntelligentTieringConfigurationList[0].Id": "test2"}),
	})
}

// inventoryConfig is the configuration of TestS3::test_s3_inventory_report_crud.
func inventoryConfig(id string) *types.InventoryConfiguration {
	return &types.InventoryConfiguration{Id: aws.String(id), IsEnabled: aws.Bool(true), IncludedObjectVersions: types.InventoryIncludedObjectVersionsAll,
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			Bucket: aws.String("arn:aws:s3:::golden-inventory"), Format: types.InventoryFormatCsv}},
		OptionalFields: []types.InventoryOptionalField{types.InventoryOptionalFieldSize, types.InventoryOptionalFieldETag},
		Schedule:       &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily}}
}

func putInventory(id string) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: aws.String(id),
			InventoryConfiguration: inventoryConfig(id)})
	}
}

func TestS3InventoryConfigurations(t *testing.T) {
	const crud, order = "TestS3::test_s3_inventory_report_crud", "TestS3::test_put_bucket_inventory_config_order"
	const id = "test-inventory"
	list := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(b)})
	}
	kept := s3Steps(run(putInventory(id)))
	fields := func(prefix string) map[string]any {
		return map[string]any{prefix + "Id": id, prefix + "IsEnabled": true, prefix + "IncludedObjectVersions": "All",
			prefix + "Destination.S3BucketDestination.Bucket": "arn:aws:s3:::golden-inventory", prefix + "Destination.S3BucketDestination.Format": "CSV",
			prefix + "OptionalFields": Len(2), prefix + "OptionalFields[0]": "Size", prefix + "OptionalFields[1]": "ETag", prefix + "Schedule.Frequency": "Daily"}
	}
	listed := fields("InventoryConfigurationList[0].")
	listed["InventoryConfigurationList"] = Len(1)
	listed["IsTruncated"] = false
	Run(t, []Case{
		noContent(s3OK("PutBucketInventoryConfiguration/kept", localstack(moreS3, crud, "put-inventory-config", "2026-02-21"), nil, putInventory(id), nil)),
		s3OK("ListBucketInventoryConfigurations/one", localstack(moreS3, crud, "list-inventory-config", "2026-02-21"), kept, list, listed),
		s3OK("GetBucketInventoryConfiguration/kept", localstack(moreS3, crud, "get-inventory-config", "2026-02-21"), kept,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: aws.String(id)})
			}, fields("InventoryConfiguration.")),
		noContent(s3OK("DeleteBucketInventoryConfiguration/kept", localstack(moreS3, crud, "del-inventory-config", "2026-02-21"), kept,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{Bucket: aws.String(b), Id: aws.String(id)})
			}, nil)),
		s3OK("ListBucketInventoryConfigurations/in id order", localstack(moreS3, order, "list-inventory-config", "2026-02-21"),
			s3Steps(run(putInventory("z-test")), run(putInventory("test-1")), run(putInventory("a-test"))), list,
			map[string]any{"InventoryConfigurationList": Len(3), "InventoryConfigurationList[0].Id": "a-test",
				"InventoryConfigurationList[1].Id": "test-1", "InventoryConfigurationList[2].Id": "z-test"}),
	})
}
