package iam

// Service-linked role names as AWS gives them. slrRecorded comes from
// responses recorded against AWS on 2025-03-13: LocalStack's
// tests/aws/services/iam/test_iam.snapshot.json
// (TestIAMServiceRoles::test_service_role_lifecycle[SERVICE] for the names,
// ...::test_service_role_lifecycle_custom_suffix_not_allowed[SERVICE] for
// the services that refuse CustomSuffix with InvalidInput "Custom suffix is
// not allowed for SERVICE", ...::test_service_role_lifecycle_custom_suffix
// for the three that take one).

// slrService is how AWS names one service's service-linked role.
type slrService struct {
	name string
	// suffix reports whether CreateServiceLinkedRole accepts CustomSuffix.
	suffix bool
}

var slrRecorded = map[string]slrService{
	"accountdiscovery.ssm.amazonaws.com":              {"AWSServiceRoleForAmazonSSM_AccountDiscovery", false},
	"acm.amazonaws.com":                               {"AWSServiceRoleForCertificateManager", false},
	"appmesh.amazonaws.com":                           {"AWSServiceRoleForAppMesh", false},
	"autoscaling-plans.amazonaws.com":                 {"AWSServiceRoleForAutoScalingPlans_EC2AutoScaling", false},
	"autoscaling.amazonaws.com":                       {"AWSServiceRoleForAutoScaling", true},
	"backup.amazonaws.com":                            {"AWSServiceRoleForBackup", false},
	"batch.amazonaws.com":                             {"AWSServiceRoleForBatch", false},
	"cassandra.application-autoscaling.amazonaws.com": {"AWSServiceRoleForApplicationAutoScaling_CassandraTable", false},
	"cks.kms.amazonaws.com":                           {"AWSServiceRoleForKeyManagementServiceCustomKeyStores", false},
	"cloudtrail.amazonaws.com":                        {"AWSServiceRoleForCloudTrail", false},
	"codestar-notifications.amazonaws.com":            {"AWSServiceRoleForCodeStarNotifications", false},
	"config.amazonaws.com":                            {"AWSServiceRoleForConfig", false},
	"connect.amazonaws.com":                           {"AWSServiceRoleForAmazonConnect", true},
	"dms-fleet-advisor.amazonaws.com":                 {"AWSServiceRoleForDMSFleetAdvisor", false},
	"dms.amazonaws.com":                               {"AWSServiceRoleForDMSServerless", false},
	"docdb-elastic.amazonaws.com":                     {"AWSServiceRoleForDocDB-Elastic", false},
	"ec2-instance-connect.amazonaws.com":              {"AWSServiceRoleForEc2InstanceConnect", false},
	"ec2.application-autoscaling.amazonaws.com":       {"AWSServiceRoleForApplicationAutoScaling_EC2SpotFleetRequest", false},
	"ecr.amazonaws.com":                               {"AWSServiceRoleForECRTemplate", false},
	"ecs.amazonaws.com":                               {"AWSServiceRoleForECS", false},
	"eks-connector.amazonaws.com":                     {"AWSServiceRoleForAmazonEKSConnector", false},
	"eks-fargate.amazonaws.com":                       {"AWSServiceRoleForAmazonEKSForFargate", false},
	"eks-nodegroup.amazonaws.com":                     {"AWSServiceRoleForAmazonEKSNodegroup", false},
	"eks.amazonaws.com":                               {"AWSServiceRoleForAmazonEKS", false},
	"elasticache.amazonaws.com":                       {"AWSServiceRoleForElastiCache", false},
	"elasticbeanstalk.amazonaws.com":                  {"AWSServiceRoleForElasticBeanstalk", false},
	"elasticfilesystem.amazonaws.com":                 {"AWSServiceRoleForAmazonElasticFileSystem", false},
	"elasticloadbalancing.amazonaws.com":              {"AWSServiceRoleForElasticLoadBalancing", false},
	"email.cognito-idp.amazonaws.com":                 {"AWSServiceRoleForAmazonCognitoIdpEmailService", false},
	"emr-containers.amazonaws.com":                    {"AWSServiceRoleForAmazonEMRContainers", false},
	"emrwal.amazonaws.com":                            {"AWSServiceRoleForEMRWAL", false},
	"fis.amazonaws.com":                               {"AWSServiceRoleForFIS", false},
	"grafana.amazonaws.com":                           {"AWSServiceRoleForAmazonGrafana", false},
	"imagebuilder.amazonaws.com":                      {"AWSServiceRoleForImageBuilder", false},
	"iotmanagedintegrations.amazonaws.com":            {"AWSServiceRoleForIoTManagedIntegrations", false},
	"kafka.amazonaws.com":                             {"AWSServiceRoleForKafka", false},
	"kafkaconnect.amazonaws.com":                      {"AWSServiceRoleForKafkaConnect", false},
	"lakeformation.amazonaws.com":                     {"AWSServiceRoleForLakeFormationDataAccess", false},
	"lex.amazonaws.com":                               {"AWSServiceRoleForLexBots", false},
	"lexv2.amazonaws.com":                             {"AWSServiceRoleForLexV2Bots", true},
	"lightsail.amazonaws.com":                         {"AWSServiceRoleForLightsail", false},
	"m2.amazonaws.com":                                {"AWSServiceRoleForAWSM2", false},
	"memorydb.amazonaws.com":                          {"AWSServiceRoleForMemoryDB", false},
	"mq.amazonaws.com":                                {"AWSServiceRoleForAmazonMQ", false},
	"mrk.kms.amazonaws.com":                           {"AWSServiceRoleForKeyManagementServiceMultiRegionKeys", false},
	"notifications.amazonaws.com":                     {"AWSServiceRoleForAwsUserNotifications", false},
	"observability.aoss.amazonaws.com":                {"AWSServiceRoleForAmazonOpenSearchServerless", false},
	"opensearchservice.amazonaws.com":                 {"AWSServiceRoleForAmazonOpenSearchService", false},
	"ops.apigateway.amazonaws.com":                    {"AWSServiceRoleForAPIGateway", false},
	"ops.emr-serverless.amazonaws.com":                {"AWSServiceRoleForAmazonEMRServerless", false},
	"opsdatasync.ssm.amazonaws.com":                   {"AWSServiceRoleForSystemsManagerOpsDataSync", false},
	"opsinsights.ssm.amazonaws.com":                   {"AWSServiceRoleForAmazonSSM_OpsInsights", false},
	"pullthroughcache.ecr.amazonaws.com":              {"AWSServiceRoleForECRPullThroughCache", false},
	"ram.amazonaws.com":                               {"AWSServiceRoleForResourceAccessManager", false},
	"rds.amazonaws.com":                               {"AWSServiceRoleForRDS", false},
	"redshift.amazonaws.com":                          {"AWSServiceRoleForRedshift", false},
	"replication.cassandra.amazonaws.com":             {"AWSServiceRoleForKeyspacesReplication", false},
	"replication.ecr.amazonaws.com":                   {"AWSServiceRoleForECRReplication", false},
	"repository.sync.codeconnections.amazonaws.com":   {"AWSServiceRoleForGitSync", false},
	"resource-explorer-2.amazonaws.com":               {"AWSServiceRoleForResourceExplorer", false},
	"rolesanywhere.amazonaws.com":                     {"AWSServiceRoleForRolesAnywhere", false},
	"s3-outposts.amazonaws.com":                       {"AWSServiceRoleForS3OnOutposts", false},
	"ses.amazonaws.com":                               {"AWSServiceRoleForAmazonSES", false},
	"shield.amazonaws.com":                            {"AWSServiceRoleForAWSShield", false},
	"ssm-incidents.amazonaws.com":                     {"AWSServiceRoleForIncidentManager", false},
	"ssm-quicksetup.amazonaws.com":                    {"AWSServiceRoleForSSMQuickSetup", false},
	"ssm.amazonaws.com":                               {"AWSServiceRoleForAmazonSSM", false},
	"sso.amazonaws.com":                               {"AWSServiceRoleForSSO", false},
	"vpcorigin.cloudfront.amazonaws.com":              {"AWSServiceRoleForCloudFrontVPCOrigin", false},
	"waf.amazonaws.com":                               {"AWSServiceRoleForWAFLogging", false},
	"wafv2.amazonaws.com":                             {"AWSServiceRoleForWAFV2Logging", false},
}

// slrOthers are names AWS gives other services' roles, from AWS's
// documentation of each service's service-linked role; whether they take
// a CustomSuffix is not recorded, so they do (as services not listed).
var slrOthers = map[string]string{
	"organizations.amazonaws.com":                    "AWSServiceRoleForOrganizations",
	"guardduty.amazonaws.com":                        "AWSServiceRoleForAmazonGuardDuty",
	"es.amazonaws.com":                               "AWSServiceRoleForAmazonOpenSearchService",
	"spot.amazonaws.com":                             "AWSServiceRoleForEC2Spot",
	"trustedadvisor.amazonaws.com":                   "AWSServiceRoleForTrustedAdvisor",
	"support.amazonaws.com":                          "AWSServiceRoleForSupport",
	"securityhub.amazonaws.com":                      "AWSServiceRoleForSecurityHub",
	"dynamodb.application-autoscaling.amazonaws.com": "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
	// Created by terraform-provider-aws's acceptance test against AWS
	// (TestAccAWSIAMServiceLinkedRole_CustomSuffix_DiffSuppressFunc).
	"custom-resource.application-autoscaling.amazonaws.com": "AWSServiceRoleForApplicationAutoScaling_CustomResource",
}
