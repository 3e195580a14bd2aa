#!/usr/bin/env bash
# OpenTofu's S3 state backend against fakeaws: the cross-account set-up
# teams use for Terraform state (a CI user in account A assumes a role in
# account B and keeps state in B's bucket), with S3-native locking
# (use_lockfile: PutObject with If-None-Match "*"), workspaces, server-side
# encryption, a canned ACL, a held lock, and a user the role does not
# trust. Not part of `go test` (building OpenTofu takes minutes); a manual
# tool, like the other suite runners here.
#
#   conformance/tofu/run.sh            builds OpenTofu $TOFU_VERSION from the Go module proxy
#   TOFU=/path/to/tofu conformance/tofu/run.sh
#   TOFU=/path/to/terraform conformance/tofu/run.sh   (Terraform's S3 backend takes the same settings)
#
# Needs the AWS CLI for the set-up and the checks. Every step is named;
# the first that fails stops the run with its output. Exit status 0 means
# every check passed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK
TOFU_VERSION=${TOFU_VERSION:-v1.10.6}

build_tofu() {
  # OpenTofu's module has no replace directives pointing into itself, so
  # its source from the module proxy builds as it is (Terraform's does
  # not: its go.mod replaces nested modules the proxy's zip leaves out).
  local src
  src=$(cd "$work" && go mod download -json "github.com/opentofu/opentofu@$TOFU_VERSION" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  cp -r "$src" "$work/tofu-src"
  chmod -R u+w "$work/tofu-src"
  (cd "$work/tofu-src" && GOFLAGS=-mod=mod go build -o "$work/tofu" ./cmd/tofu)
  TOFU=$work/tofu
}

if [ -z "${TOFU:-}" ]; then
  echo "building OpenTofu $TOFU_VERSION (a few minutes)..." >&2
  build_tofu
fi
start_fakeaws "$work" "$work/server.log"
url=$FAKEAWS_URL
export AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true TF_IN_AUTOMATION=1
# Nothing from the user's own configuration takes part.
export TF_CLI_CONFIG_FILE=/dev/null AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL

passed=0
# step NAME CMD...: runs CMD, stops the run naming NAME if it fails.
step() {
  local name=$1; shift
  if ! out=$("$@" 2>&1); then
    echo "FAIL: $name" >&2
    echo "$out" >&2
    exit 1
  fi
  passed=$((passed + 1))
  echo "ok: $name"
}
# flat: the last output on one line, runs of spaces and newlines as one space
# (OpenTofu wraps its error messages).
flat() { tr -s ' \n' ' ' <<<"$out"; }
# expect_fail NAME PATTERN CMD...: CMD must fail, with PATTERN (grep -E) in its output.
expect_fail() {
  local name=$1 pattern=$2; shift 2
  if out=$("$@" 2>&1); then
    echo "FAIL: $name: succeeded, expected an error matching $pattern" >&2
    echo "$out" >&2
    exit 1
  fi
  if ! grep -qE "$pattern" <<<"$(flat)"; then
    echo "FAIL: $name: error does not match $pattern" >&2
    echo "$out" >&2
    exit 1
  fi
  passed=$((passed + 1))
  echo "ok: $name"
}
# contains NAME PATTERN CMD...: CMD succeeds and prints PATTERN (grep -E).
contains() {
  local name=$1 pattern=$2; shift 2
  step "$name" "$@"
  if ! grep -qE "$pattern" <<<"$(flat)"; then
    echo "FAIL: $name: output does not match $pattern" >&2
    echo "$out" >&2
    exit 1
  fi
}

as() { # as ACCESS_KEY SECRET CMD...
  local key=$1 secret=$2; shift 2
  AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret "$@"
}
awsA() { as 111111111111 test aws --endpoint-url "$url" "$@"; }
awsB() { as 222222222222 test aws --endpoint-url "$url" "$@"; }
tofu_in() { # tofu_in DIR COMMAND [SUBCOMMAND of workspace] ARGS...
  local dir=$1 cmd=(); shift
  case $1 in
  workspace) cmd=("$1" "$2"); shift 2 ;;
  force-unlock) cmd=("$1"); shift ;;
  *) cmd=("$1" -input=false); shift ;;
  esac
  (cd "$dir" && "$TOFU" "${cmd[@]}" -no-color "$@")
}

# backend_dir DIR BUCKET KEY EXTRA: a configuration whose state lives in
# BUCKET/KEY, with EXTRA backend settings, and one terraform_data
# resource (built into OpenTofu: no provider to download).
backend_dir() {
  local dir=$1 bucket=$2 key=$3 extra=$4
  mkdir -p "$dir"
  cat >"$dir/main.tf" <<EOF
terraform {
  backend "s3" {
    bucket         = "$bucket"
    key            = "$key"
    region         = "us-east-1"
    use_path_style = true
    use_lockfile   = true
    endpoints      = { s3 = "$url", sts = "$url", iam = "$url" }
    $extra
  }
}
resource "terraform_data" "greeting" { input = "hello from $dir" }
EOF
}

# --- Account B keeps the state; account A's CI user assumes B's role. ---
step "B creates the state bucket" awsB s3api create-bucket --bucket tfstate-b
step "A creates user ci" awsA iam create-user --user-name ci
step "A creates user intern" awsA iam create-user --user-name intern
step "B creates role TerraformState trusting A's ci" awsB iam create-role --role-name TerraformState \
  --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/ci"},"Action":"sts:AssumeRole"}]}'
# The permissions OpenTofu's S3 backend documents for state and lock files.
step "B grants the role the backend's permissions" awsB iam put-role-policy --role-name TerraformState \
  --policy-name state --policy-document '{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::tfstate-b"},
    {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::tfstate-b/*"},
    {"Effect":"Allow","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::tfstate-b/*.tflock"}]}'
step "A lets ci assume the role" awsA iam put-user-policy --user-name ci --policy-name assume \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::222222222222:role/TerraformState"}]}'
step "A lets intern assume nothing" awsA iam put-user-policy --user-name intern --policy-name none \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}'
read -r ci_key ci_secret < <(awsA iam create-access-key --user-name ci --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
read -r intern_key intern_secret < <(awsA iam create-access-key --user-name intern --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)

cross=$work/cross
backend_dir "$cross" tfstate-b app/terraform.tfstate \
  'assume_role = { role_arn = "arn:aws:iam::222222222222:role/TerraformState", session_name = "tofu-ci" }'
asci() { as "$ci_key" "$ci_secret" "$@"; }
step "ci: init through the assumed role" asci tofu_in "$cross" init
step "ci: apply writes state into B's bucket" asci tofu_in "$cross" apply -auto-approve
contains "B's bucket holds the state" '"hello from '"$cross"'"' awsB s3 cp s3://tfstate-b/app/terraform.tfstate -
contains "the state object is B's (assumed-role writes are the role account's)" '"ID": "[0-9a-f]{64}"' \
  awsB s3api get-object-acl --bucket tfstate-b --key app/terraform.tfstate --query Owner
expect_fail "the lock file is gone after apply" 'Not Found|404' \
  awsB s3api head-object --bucket tfstate-b --key app/terraform.tfstate.tflock
contains "plan finds no changes" 'No changes' asci tofu_in "$cross" plan
step "ci: a second workspace" asci tofu_in "$cross" workspace new dev
step "ci: apply in the dev workspace" asci tofu_in "$cross" apply -auto-approve
contains "the dev state sits under env:/dev/" 'env:/dev/app/terraform.tfstate' awsB s3 ls --recursive s3://tfstate-b
contains "workspace list reads both from ListObjectsV2" 'default \* dev' asci tofu_in "$cross" workspace list

# A lock another run holds: PutObject If-None-Match "*" on an existing
# lock file is 412 PreconditionFailed, and OpenTofu shows the holder.
lock_id=11111111-2222-3333-4444-555555555555
printf '{"ID":"%s","Operation":"OperationTypeApply","Info":"","Who":"someone@elsewhere","Version":"1.10.6","Created":"2026-12-07T17:00:00Z","Path":"tfstate-b/env:/dev/app/terraform.tfstate"}' \
  "$lock_id" >"$work/lock.json"
step "someone else holds the dev lock" awsB s3 cp "$work/lock.json" s3://tfstate-b/env:/dev/app/terraform.tfstate.tflock
expect_fail "plan waits, then reports the held lock (412 PreconditionFailed)" \
  "StatusCode: 412.*PreconditionFailed: At least one of the pre-conditions you specified did not hold.*someone@elsewhere" \
  asci tofu_in "$cross" plan -lock-timeout=2s
step "force-unlock deletes the held lock" asci tofu_in "$cross" force-unlock -force "$lock_id"
contains "plan runs again" 'No changes' asci tofu_in "$cross" plan

# The role trusts ci only: intern is refused at AssumeRole, with AWS's message.
other=$work/other
backend_dir "$other" tfstate-b app/terraform.tfstate \
  'assume_role = { role_arn = "arn:aws:iam::222222222222:role/TerraformState", session_name = "tofu-intern" }'
expect_fail "intern cannot assume the role" \
  'StatusCode: 403.*AccessDenied: User: arn:aws:iam::111111111111:user/intern is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/TerraformState' \
  as "$intern_key" "$intern_secret" tofu_in "$other" init

# Without the role, ci's own keys reach nothing in B's bucket.
direct=$work/direct
backend_dir "$direct" tfstate-b app/terraform.tfstate ''
expect_fail "ci's own keys are refused B's state (HeadObject, 403 without a body)" \
  'HeadObject, https response error StatusCode: 403.*api error Forbidden' asci tofu_in "$direct" init

# --- One account: encryption, a canned ACL. ---
asA() { as 111111111111 test "$@"; }
step "A creates a bucket" awsA s3api create-bucket --bucket tfstate-a
sse=$work/sse
backend_dir "$sse" tfstate-a sse/terraform.tfstate 'encrypt = true'
step "encrypt: init" asA tofu_in "$sse" init
step "encrypt: apply" asA tofu_in "$sse" apply -auto-approve
contains "encrypt: the state is stored with SSE-S3" '"ServerSideEncryption": "AES256"' \
  awsA s3api head-object --bucket tfstate-a --key sse/terraform.tfstate
acl=$work/acl
backend_dir "$acl" tfstate-a acl/terraform.tfstate 'acl = "bucket-owner-full-control"'
step "acl: init" asA tofu_in "$acl" init
step "acl: apply with a canned ACL on every write" asA tofu_in "$acl" apply -auto-approve
contains "acl: plan reads it back" 'No changes' asA tofu_in "$acl" plan
# S3 blocks SSE-C on new buckets (AWS's default since April 2026), so a
# backend with sse_customer_key fails at its first write, as on AWS.
ssec=$work/ssec
backend_dir "$ssec" tfstate-a ssec/terraform.tfstate \
  "encrypt = true
    sse_customer_key = \"$(head -c 32 /dev/urandom | base64)\""
step "sse-c: init" asA tofu_in "$ssec" init
expect_fail "sse-c: the new bucket refuses SSE-C uploads" \
  'StatusCode: 403.*blocked upload requests that specify Server Side Encryption with Customer provided keys' \
  asA tofu_in "$ssec" apply -auto-approve

step "ci: destroy in dev" asci tofu_in "$cross" destroy -auto-approve
# No request of the run met an operation fakeaws does not serve or a
# server error (tofu tolerates some failures, so its exit status alone
# would not tell).
unserved() {
  curl -fsS "$url/_fakeaws/decisions" | python3 -c '
import json, sys
bad = [d for d in map(json.loads, sys.stdin) if d.get("status", 0) >= 500 or d.get("status") in (405, 501)]
for d in bad: print(d.get("operation"), d.get("status"), d.get("errorCode"))
sys.exit(1 if bad else 0)'
}
step "fakeaws served every request (no 405, 501 or 5xx)" unserved
echo "tofu suite: $passed checks passed ($("$TOFU" version | head -1))"
