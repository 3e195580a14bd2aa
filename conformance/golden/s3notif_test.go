package golden

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// LocalStack's S3 event notification tests, recorded against AWS on 21 Jan
// 2025: the destination ARN checks and what a configuration reads back as.
const (
	notifSQS    = "s3/test_s3_notifications_sqs.snapshot.json"
	notifSNS    = "s3/test_s3_notifications_sns.snapshot.json"
	notifLambda = "s3/test_s3_notifications_lambda.snapshot.json"
)

func TestS3NotificationRecordings(t *testing.T) {
	queueARN := "arn:aws:sqs:us-east-1:" + owner + ":my-queue"
	put := func(skip bool, nc *types.NotificationConfiguration) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String(b), NotificationConfiguration: nc}
			if skip {
				in.SkipDestinationValidation = aws.Bool(true)
			}
			return c.PutBucketNotificationConfiguration(ctx, in)
		}
	}
	queues := func(arns ...string) *types.NotificationConfiguration {
		nc := &types.NotificationConfiguration{}
		for _, a := range arns {
			nc.QueueConfigurations = append(nc.QueueConfigurations, types.QueueConfiguration{QueueArn: aws.String(a), Events: []types.Event{"s3:ObjectCreated:*"}})
		}
		return nc
	}
	topic := &types.NotificationConfiguration{TopicConfigurations: []types.TopicConfiguration{{
		TopicArn: aws.String("invalid-topic"), Events: []types.Event{"s3:ObjectCreated:*"}}}}
	function := &types.NotificationConfiguration{LambdaFunctionConfigurations: []types.LambdaFunctionConfiguration{{
		LambdaFunctionArn: aws.String("invalid-queue"), Events: []types.Event{"s3:ObjectCreated:*"}}}}
	caseless := queues(queueARN)
	caseless.QueueConfigurations[0].Filter = &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{
		{Name: "suffix", Value: aws.String(".txt")}, {Name: "PREFIX", Value: aws.String("notif-")}}}}
	get := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String(b)})
	}
	const unparsed = "The ARN could not be parsed"
	Run(t, []Case{
		s3Fails("PutBucketNotificationConfiguration/queue not an ARN", localstack(notifSQS, "TestS3NotificationsToSQS::test_invalid_sqs_arn", "invalid_not_skip", "2025-01-21"),
			nil, put(false, queues("invalid-queue")), 400, "InvalidArgument", unparsed),
		s3Fails("PutBucketNotificationConfiguration/queue not an ARN, validation skipped", localstack(notifSQS, "TestS3NotificationsToSQS::test_invalid_sqs_arn", "invalid_skip", "2025-01-21"),
			nil, put(true, queues("invalid-queue")), 400, "InvalidArgument", unparsed),
		s3Fails("PutBucketNotificationConfiguration/two queues not ARNs", localstack(notifSQS, "TestS3NotificationsToSQS::test_multiple_invalid_sqs_arns", "two-queue-arns-invalid", "2025-01-21"),
			nil, put(false, queues("invalid_arn", "invalid_arn_2")), 400, "InvalidArgument", unparsed),
		s3Fails("PutBucketNotificationConfiguration/one queue not an ARN", localstack(notifSQS, "TestS3NotificationsToSQS::test_multiple_invalid_sqs_arns", "one-queue-invalid-one-not-existent", "2025-01-21"),
			nil, put(false, queues(queueARN, "invalid_arn_2")), 400, "InvalidArgument", unparsed),
		s3Fails("PutBucketNotificationConfiguration/topic not an ARN", localstack(notifSNS, "TestS3NotificationsToSns::test_invalid_topic_arn", "invalid_not_skip", "2025-01-21"),
			nil, put(false, topic), 400, "InvalidArgument", unparsed),
		s3Fails("PutBucketNotificationConfiguration/function not an ARN", localstack(notifLambda, "TestS3NotificationsToLambda::test_invalid_lambda_arn", "invalid_not_skip", "2025-01-21"),
			nil, put(false, function), 400, "InvalidArgument", unparsed),
		s3OK("GetBucketNotificationConfiguration/after validation skipped", localstack(notifSQS, "TestS3NotificationsToSQS::test_invalid_sqs_arn", "skip_destination_validation", "2025-01-21")+
			" (the recording sent Id id123; here none is sent and S3 assigns one)",
			s3Steps(run(put(true, queues(queueARN)))), get, map[string]any{
				"QueueConfigurations[0].QueueArn": queueARN, "QueueConfigurations[0].Events[0]": "s3:ObjectCreated:*", "QueueConfigurations[0].Id": Present}),
		s3OK("GetBucketNotificationConfiguration/filter rule names in AWS's case", localstack(notifSQS, "TestS3NotificationsToSQS::test_filter_rules_case_insensitive", "bucket_notification_configuration", "2025-01-21"),
			s3Steps(run(put(true, caseless))), get, map[string]any{
				"QueueConfigurations[0].Filter.Key.FilterRules[0].Name": "Suffix", "QueueConfigurations[0].Filter.Key.FilterRules[1].Name": "Prefix",
				"QueueConfigurations[0].Id": Present}),
	})
}
