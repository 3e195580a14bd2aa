// Global setup: makes the bucket the specs read from AWS_SMOKE_TEST_BUCKET,
// as the SDK team's CloudFormation stack does in their account, in
// AWS_SMOKE_TEST_REGION, and gives it the CORS rules
// @aws-sdk/aws-util-test's getE2eTestResources puts on it before each use.
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from "@aws-sdk/client-s3";

export default async function setup() {
  const Bucket = process.env.AWS_SMOKE_TEST_BUCKET;
  const region = process.env.AWS_SMOKE_TEST_REGION;
  const s3 = new S3Client({ region });
  await s3.send(
    new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: region } })
  );
  await s3.send(
    new PutBucketCorsCommand({
      Bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: ["*"],
            AllowedMethods: ["GET", "PUT", "POST", "DELETE", "HEAD"],
            AllowedHeaders: ["*"],
            ExposeHeaders: ["ETag"],
          },
        ],
      },
    })
  );
  s3.destroy();
}
