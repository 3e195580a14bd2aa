// Stands in for the modules through which aws-sdk-js-v3's e2e specs find
// the resources of the SDK team's AWS account: tests/e2e/get-integ-test-resources
// (a CloudFormation stack's outputs), and @aws-sdk/aws-util-test's
// getE2eTestResources (a tagged bucket, a Cognito identity pool, a
// multi-region access point) and setTestCredentials (a no-op upstream too).
// The bucket is made by global-setup.mjs before any spec runs; run.sh
// names it in AWS_SMOKE_TEST_BUCKET. No identity pool or MRAP exists here,
// so their variables stay unset (the specs that use them are listed as
// environment failures in docs/deviations.md).

function resources() {
  const region = process.env.AWS_SMOKE_TEST_REGION;
  const bucket = process.env.AWS_SMOKE_TEST_BUCKET;
  if (!region || !bucket) {
    throw new Error("AWS_SMOKE_TEST_REGION and AWS_SMOKE_TEST_BUCKET must be set (run through run.sh)");
  }
  return { AWS_SMOKE_TEST_REGION: region, AWS_SMOKE_TEST_BUCKET: bucket };
}

export async function getIntegTestResources() {
  return resources();
}

export async function getE2eTestResources() {
  return resources();
}

export async function setTestCredentials() {}
