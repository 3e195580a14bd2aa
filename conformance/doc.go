// Package conformance runs the seed flows and the AWS behaviours fakeaws
// promises through real clients, against the real emulator.Server:
//
//   - aws-sdk-go-v2 (iam, sts, s3, the S3 transfer manager, presigning, and
//     shared-config profile loading), in-process on httptest, path-style and
//     virtual-hosted, over HTTP and HTTPS, with BaseEndpoint and with
//     AWS_ENDPOINT_URL (scenarios_test.go: one scenario library, run in every
//     mode);
//   - boto3 (boto3/), the JavaScript SDK v3 (js/) and the Ruby SDK (ruby/,
//     whose STEP lines ruby_test.go checks one by one), each replaying the
//     seeds against a server started on a free port (clientrun); each skips
//     with a message when its client is not installed. The AWS CLI's seed
//     scripts, the docs' shell blocks and the CI recipe run in package
//     conformance/cli, with a go test time budget of their own;
//   - the S3 tools people point at fakeaws (clients_test.go: rclone, s3cmd,
//     s3fs, curl --aws-sigv4; restic in clients_restic_test.go), one case
//     table with long-term keys and with a cross-account role session, each
//     tool skipping when absent;
//   - the Docker packaging (Dockerfile, docker-compose.yml), checked without
//     a Docker engine.
//
// Everything here is test code; the package has no API.
//
// Expected outcomes are AWS's, as its documentation states them: when a
// step fails because fakeaws differs from AWS, the step stays and the owning
// package is fixed.
package conformance
