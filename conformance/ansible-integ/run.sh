#!/usr/bin/env bash
# Run the IAM, STS and S3 integration targets of the amazon.aws and
# community.aws Ansible collections (which their maintainers run against
# AWS) against a fresh fakeaws. Not part of `go test`; a manual tool.
#
#   conformance/ansible-integ/run.sh AMAZON_AWS_GIT COMMUNITY_AWS_GIT [target...]
#
# ANSIBLE_INTEG_OUT=DIR keeps each target's whole output there.
#
# The modules are Debian's (apt-get install ansible: amazon.aws 5.5.1,
# community.aws 5.5.0); the targets come from the collections' git
# repositories at those tags (tests/integration/targets; the checkouts are
# not modified) and run as roles of a one-play playbook on localhost, with
# the variables ansible-test would give them (aws_access_key,
# aws_secret_key, aws_region, resource_prefix, tiny_prefix; each role's
# meta lists both collections, as ansible-test's collection context does).
# The modules
# run under the python3 on PATH (it needs boto3). Adaptations, none
# changing a task: AWS_URL points every module at fakeaws, an AWS config
# file asks boto3 for path-style S3 addressing, and the credentials are an
# IAM user's with AdministratorAccess made for the run (with the root key
# "test" as the secret, Ansible's no_log masking would rewrite every
# "test" in the results, such as the "ansible-test-" names); the
# setup_botocore_pip role, which pip-installs boto3 into a virtualenv, is
# replaced by a stub naming the python3 on PATH (PyPI is not reachable).
# See docs/deviations.md "Ansible's AWS collections".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
amazon=$(cd "${1:?usage: run.sh AMAZON_AWS_GIT COMMUNITY_AWS_GIT [target...]}" && pwd)
community=$(cd "${2:?usage: run.sh AMAZON_AWS_GIT COMMUNITY_AWS_GIT [target...]}" && pwd)
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(iam_user iam_policy iam_group iam_role iam_managed_policy
  iam_access_key iam_password_policy sts_assume_role sts_session_token s3_bucket s3_object
  s3_bucket_info s3_lifecycle s3_metrics_configuration)
command -v ansible-playbook >/dev/null || { echo "run.sh: needs ansible (apt-get install ansible)" >&2; exit 2; }
python=$(command -v python3)
"$python" -c 'import boto3' || { echo "run.sh: $python has no boto3" >&2; exit 2; }
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

start_fakeaws "$work" "$work/server.log" || exit 2

mkdir -p "$work/roles"
git -C "$amazon" archive 5.5.1 tests/integration/targets | tar xf - -C "$work" --strip-components=3 --one-top-level=roles
git -C "$community" archive 5.5.0 tests/integration/targets | tar xf - -C "$work/roles" --strip-components=3 --skip-old-files
# setup_botocore_pip pip-installs pinned minimum boto3/botocore versions
# into a virtualenv (no PyPI here); the python3 on PATH already has newer
# ones, so the stub only names it as that virtualenv's interpreter.
printf -- '- set_fact:\n    botocore_virtualenv_interpreter: "{{ ansible_python_interpreter }}"\n' \
  >"$work/roles/setup_botocore_pip/tasks/main.yml"
# ansible-test runs a target inside its collection, where unqualified
# module names resolve to that collection first; a role takes that from
# the `collections` of its meta/main.yml (roles ignore the play's).
for meta in "$work"/roles/*/meta/main.yml; do
  /usr/bin/python3 - "$meta" <<'PY'
import sys, yaml
path = sys.argv[1]
meta = yaml.safe_load(open(path)) or {}
meta.setdefault("collections", ["amazon.aws", "community.aws"])
yaml.safe_dump(meta, open(path, "w"))
PY
done

aws() { AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 \
  command aws --endpoint-url "$FAKEAWS_URL" "$@"; }
aws iam create-user --user-name ansible-runner >/dev/null
aws iam attach-user-policy --user-name ansible-runner \
  --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
read -r key secret < <(aws iam create-access-key --user-name ansible-runner \
  --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)

printf '[default]\nregion = us-east-1\ns3 =\n    addressing_style = path\n' >"$work/awsconfig"
cat >"$work/play.yml" <<PLAY
- hosts: localhost
  connection: local
  gather_facts: true
  vars:
    ansible_python_interpreter: $python
    aws_access_key: $key
    aws_secret_key: $secret
    aws_region: us-east-1
  roles:
    - "{{ target }}"
PLAY
status=0
for t in "${targets[@]}"; do
  prefix="ansible-fa-$RANDOM$RANDOM"
  set +e
  (cd "$work" && env -u AWS_CA_BUNDLE -u AWS_ENDPOINT_URL AWS_URL="$FAKEAWS_URL" \
    AWS_CONFIG_FILE="$work/awsconfig" ANSIBLE_ROLES_PATH="$work/roles" \
    ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_DEPRECATION_WARNINGS=False \
    timeout 3600 ansible-playbook -i localhost, play.yml -e target="$t" \
    -e resource_prefix="$prefix" -e tiny_prefix="$(echo "$prefix" | md5sum | cut -c1-8)") \
    >"$work/$t.txt" 2>&1
  rc=$?
  set -e
  [ -z "${ANSIBLE_INTEG_OUT:-}" ] || cp "$work/$t.txt" "$ANSIBLE_INTEG_OUT/"
  echo "$t: exit $rc, $(grep -E '^localhost +:' "$work/$t.txt" | tr -s ' ')"
  if [ "$rc" -ne 0 ]; then
    status=1
    { grep -B2 -A8 "^fatal" "$work/$t.txt" || tail -8 "$work/$t.txt"; } |
      grep -v '\.\.\.ignoring' | tail -24 | sed 's/^/    /' || true
  fi
done
exit "$status"
