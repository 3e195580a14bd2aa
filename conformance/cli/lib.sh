# Shared helpers for the AWS CLI seed scripts. Sourced, not run.
#
# The Go test (conformance/cli/cli_test.go) runs each script with
# AWS_ENDPOINT_URL pointing at a fresh fakeaws, AWS_CONFIG_FILE and
# AWS_SHARED_CREDENTIALS_FILE in a temporary directory, and the working
# directory set to a scratch directory. Run one by hand the same way:
#
#   fakeaws --ephemeral &
#   AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_CONFIG_FILE=$PWD/config \
#     AWS_SHARED_CREDENTIALS_FILE=$PWD/credentials bash conformance/cli/seed000.sh

set -u
: "${AWS_ENDPOINT_URL:?set AWS_ENDPOINT_URL to the fakeaws URL}"
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=1
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE

passed=0
failed=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# ok DESCRIPTION -- CMD...: CMD must exit 0. Its stdout is left in $out.
ok() {
	local desc=$1
	shift 2
	"$@" >"$out" 2>"$err"
	local rc=$?
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok   $desc"
	else
		failed=$((failed + 1))
		echo "FAIL $desc: exit $rc, want success"
		echo "     command: $*"
		sed 's/^/     stderr: /' "$err"
	fi
}

# fails CODE DESCRIPTION -- CMD...: CMD must exit non-zero with "(CODE)" in
# its standard error, as the AWS CLI prints AWS error codes.
fails() {
	local code=$1 desc=$2
	shift 3
	if "$@" >"$out" 2>"$err"; then
		failed=$((failed + 1))
		echo "FAIL $desc: succeeded, want $code"
		echo "     command: $*"
	elif grep -q "($code)" "$err"; then
		passed=$((passed + 1))
		echo "ok   $desc ($code)"
	else
		failed=$((failed + 1))
		echo "FAIL $desc: want error $code"
		echo "     command: $*"
		sed 's/^/     stderr: /' "$err"
	fi
}

# check DESCRIPTION GOT WANT: compares two strings.
check() {
	if [ "$2" = "$3" ]; then
		passed=$((passed + 1))
		echo "ok   $1"
	else
		failed=$((failed + 1))
		echo "FAIL $1: got '$2', want '$3'"
	fi
}

# field PATH: prints a field of the JSON in $out (PATH like Credentials.AccessKeyId).
field() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d=d[k]
print(d)' "$out" "$1"
}

# root ACCOUNT: act as the account's root user through the environment.
root() {
	export AWS_ACCESS_KEY_ID=$1 AWS_SECRET_ACCESS_KEY=test
	unset AWS_SESSION_TOKEN
}

# use_session: act as the credentials of the assume-role output in $out.
use_session() {
	export AWS_ACCESS_KEY_ID=$(field Credentials.AccessKeyId)
	export AWS_SECRET_ACCESS_KEY=$(field Credentials.SecretAccessKey)
	export AWS_SESSION_TOKEN=$(field Credentials.SessionToken)
}

# nobody: no credentials in the environment (profiles decide).
nobody() {
	unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
}

# finish: prints the tally and exits non-zero if anything failed.
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
