// The seed flows through the AWS SDK for JavaScript v3, against the fakeaws
// at AWS_ENDPOINT_URL (the SDK reads it). Run by conformance/js_test.go with
// a fresh server and scratch AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE.
import { writeFileSync } from "node:fs";
import { IAMClient, CreateRoleCommand, CreatePolicyCommand, AttachRolePolicyCommand, CreateUserCommand,
  CreateAccessKeyCommand, PutUserPolicyCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, ListObjectsV2Command,
  PutBucketPolicyCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { fromIni } from "@aws-sdk/credential-providers";

const EMRYS = "111111111111", ODIN = "222222222222", VENDOR = "333333333333";
const region = "us-east-1";
let passed = 0, failed = 0;

const root = (account) => ({ accessKeyId: account, secretAccessKey: "test" });
const fromOut = (c) => ({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });
const iam = (credentials) => new IAMClient({ region, credentials, maxAttempts: 1 });
const sts = (credentials) => new STSClient({ region, credentials, maxAttempts: 1 });
const s3 = (credentials, extra = {}) => new S3Client({ region, credentials, maxAttempts: 1, forcePathStyle: true, ...extra });
const doc = (...Statement) => JSON.stringify({ Version: "2012-10-17", Statement });
const trust = (AWS, extra = {}) => doc({ Effect: "Allow", Principal: { AWS }, Action: "sts:AssumeRole", ...extra });

async function ok(desc, fn) {
  try {
    const r = await fn();
    passed++;
    console.log(`ok   ${desc}`);
    return r;
  } catch (e) {
    failed++;
    console.log(`FAIL ${desc}: ${e.name}: ${e.message}`);
    return undefined;
  }
}

async function fails(code, desc, fn) {
  try {
    await fn();
  } catch (e) {
    if (e.name === code || e.Code === code) {
      passed++;
      console.log(`ok   ${desc} (${code})`);
      return e;
    }
    failed++;
    console.log(`FAIL ${desc}: ${e.name}: ${e.message}, want ${code}`);
    return e;
  }
  failed++;
  console.log(`FAIL ${desc}: succeeded, want ${code}`);
}

function check(desc, got, want) {
  if (got === want) {
    passed++;
    console.log(`ok   ${desc}`);
  } else {
    failed++;
    console.log(`FAIL ${desc}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

async function newUser(account, name) {
  await iam(root(account)).send(new CreateUserCommand({ UserName: name }));
  const out = await iam(root(account)).send(new CreateAccessKeyCommand({ UserName: name }));
  return out.AccessKey;
}

async function seed000() {
  const roleArn = `arn:aws:iam::${ODIN}:role/S3ReadWriteRoleEmrys`;
  await ok("000 create-role", () => iam(root(ODIN)).send(new CreateRoleCommand({ RoleName: "S3ReadWriteRoleEmrys",
    AssumeRolePolicyDocument: trust(`arn:aws:iam::${EMRYS}:root`) })));
  const pol = await ok("000 create-policy", () => iam(root(ODIN)).send(new CreatePolicyCommand({ PolicyName: "ReadOdinS3IAMPolicy",
    PolicyDocument: doc({ Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::odin-bucket" },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::odin-bucket/*" }) })));
  await ok("000 attach-role-policy", () => iam(root(ODIN)).send(new AttachRolePolicyCommand({ RoleName: "S3ReadWriteRoleEmrys",
    PolicyArn: pol?.Policy?.Arn })));
  await ok("000 odin's bucket", () => s3(root(ODIN)).send(new CreateBucketCommand({ Bucket: "odin-bucket" })));
  const key = await newUser(EMRYS, "merlin");
  const user = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
  await fails("AccessDenied", "000 assume-role without the identity policy",
    () => sts(user).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s3-access" })));
  await ok("000 identity policy", () => iam(root(EMRYS)).send(new PutUserPolicyCommand({ UserName: "merlin", PolicyName: "AssumeOdinRole",
    PolicyDocument: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }) })));
  const out = await ok("000 assume-role", () => sts(user).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s3-access" })));
  check("000 assumed-role ARN", out?.AssumedRoleUser?.Arn, `arn:aws:sts::${ODIN}:assumed-role/S3ReadWriteRoleEmrys/s3-access`);
  const session = fromOut(out.Credentials);
  for (const [style, extra] of [["path", {}], ["virtual", { forcePathStyle: false, endpoint: process.env.AWS_ENDPOINT_URL.replace("127.0.0.1", "localhost") }]]) {
    const c = s3(session, extra);
    if (style === "virtual" && !(await resolvesLocalhost())) {
      console.log("skip 000 virtual-hosted: *.localhost does not resolve to loopback here");
      continue;
    }
    await ok(`000 put (${style})`, () => c.send(new PutObjectCommand({ Bucket: "odin-bucket", Key: `hello-${style}.txt`, Body: "hello Odin" })));
    const got = await ok(`000 get (${style})`, async () => (await c.send(new GetObjectCommand({ Bucket: "odin-bucket", Key: `hello-${style}.txt` }))).Body.transformToString());
    check(`000 body (${style})`, got, "hello Odin");
  }
  const list = await ok("000 list", () => s3(session).send(new ListObjectsV2Command({ Bucket: "odin-bucket" })));
  check("000 first key", list?.Contents?.[0]?.Key, "hello-path.txt");
  await fails("AccessDenied", "000 the user's own keys", () => s3(user).send(new GetObjectCommand({ Bucket: "odin-bucket", Key: "hello-path.txt" })));
}

async function resolvesLocalhost() {
  const { lookup } = await import("node:dns/promises");
  try {
    const { address } = await lookup("odin-bucket.localhost");
    return address === "127.0.0.1" || address === "::1";
  } catch {
    return false;
  }
}

async function seed003() {
  const roleArn = `arn:aws:iam::${ODIN}:role/third-party`;
  await s3(root(ODIN)).send(new CreateBucketCommand({ Bucket: "bucket-name" }));
  await ok("003 role with ExternalId", () => iam(root(ODIN)).send(new CreateRoleCommand({ RoleName: "third-party",
    AssumeRolePolicyDocument: trust([`arn:aws:iam::${VENDOR}:root`], { Condition: { StringEquals: { "sts:ExternalId": "Unique-Id-4242" } } }) })));
  await iam(root(ODIN)).send(new PutRolePolicyCommand({ RoleName: "third-party", PolicyName: "access", PolicyDocument: doc(
    { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::bucket-name"] },
    { Effect: "Allow", Action: "s3:*Object", Resource: ["arn:aws:s3:::bucket-name/*"] }) }));
  const key = await newUser(VENDOR, "service");
  await iam(root(VENDOR)).send(new PutUserPolicyCommand({ UserName: "service", PolicyName: "assume",
    PolicyDocument: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }) }));
  const svc = sts({ accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey });
  await fails("AccessDenied", "003 without ExternalId", () => svc.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "svc" })));
  const out = await ok("003 with ExternalId", () => svc.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "svc", ExternalId: "Unique-Id-4242" })));
  const c = s3(fromOut(out.Credentials));
  const body = Buffer.alloc(6 << 20, "x");
  await ok("003 lib-storage multipart upload", () => new Upload({ client: c, params: { Bucket: "bucket-name", Key: "big.bin", Body: body },
    partSize: 5 << 20 }).done());
  const head = await ok("003 head", () => c.send(new HeadObjectCommand({ Bucket: "bucket-name", Key: "big.bin" })));
  check("003 size", head?.ContentLength, body.length);
}

async function seed004() {
  await s3(root(ODIN)).send(new CreateBucketCommand({ Bucket: "cross-account-bucket" }));
  await iam(root(ODIN)).send(new CreateRoleCommand({ RoleName: "role-in-accountb", AssumeRolePolicyDocument: trust(`arn:aws:iam::${EMRYS}:root`) }));
  const bad = doc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"], Resource: "arn:aws:s3:::222222222222/cross-account-bucket" });
  await ok("004 IAM accepts the seed's resource", () => iam(root(ODIN)).send(new PutRolePolicyCommand({ RoleName: "role-in-accountb", PolicyName: "s3", PolicyDocument: bad })));
  const key = await newUser(EMRYS, "dev");
  await iam(root(EMRYS)).send(new PutUserPolicyCommand({ UserName: "dev", PolicyName: "assume",
    PolicyDocument: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${ODIN}:role/role-in-accountb` }) }));
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, `[accounta]\naws_access_key_id=${key.AccessKeyId}\naws_secret_access_key=${key.SecretAccessKey}\n\n` +
    "[roleb]\nrole_arn = arn:aws:iam::222222222222:role/role-in-accountb\nsource_profile = accounta\n");
  // ignoreCache: the SDK cached the (then empty) files when the first client loaded its config.
  const credentials = fromIni({ profile: "roleb", clientConfig: { region }, ignoreCache: true });
  const who = await ok("004 profile roleb", () => new STSClient({ region, credentials, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
  check("004 roleb account", who?.Account, ODIN);
  const c = new S3Client({ region, credentials, maxAttempts: 1, forcePathStyle: true });
  await fails("AccessDenied", "004 put with the seed's policy", () => c.send(new PutObjectCommand({ Bucket: "cross-account-bucket", Key: "test.txt", Body: "x" })));
  const e = await fails("MalformedPolicy", "004 the resource in a bucket policy", () => s3(root(ODIN)).send(new PutBucketPolicyCommand({
    Bucket: "cross-account-bucket", Policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ODIN}:role/role-in-accountb` },
      Action: "s3:PutObject", Resource: "arn:aws:s3:::222222222222/cross-account-bucket" }) })));
  check("004 MalformedPolicy message", e?.message, "Policy has invalid resource");
  await iam(root(ODIN)).send(new PutRolePolicyCommand({ RoleName: "role-in-accountb", PolicyName: "s3",
    PolicyDocument: bad.replace("222222222222/cross-account-bucket", "cross-account-bucket/*") }));
  await ok("004 put after the fix", () => c.send(new PutObjectCommand({ Bucket: "cross-account-bucket", Key: "test.txt", Body: "x" })));
}

async function auth() {
  const key = await newUser(EMRYS, "hank");
  const wrong = { accessKeyId: key.AccessKeyId, secretAccessKey: "x".repeat(40) };
  await fails("SignatureDoesNotMatch", "auth wrong secret (sts)", () => sts(wrong).send(new GetCallerIdentityCommand({})));
  await fails("SignatureDoesNotMatch", "auth wrong secret (s3)", () => s3(wrong).send(new ListObjectsV2Command({ Bucket: "odin-bucket" })));
  await fails("InvalidClientTokenId", "auth unknown key (sts)", () => sts({ accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "y".repeat(40) }).send(new GetCallerIdentityCommand({})));
}

const { version } = JSON.parse((await import("node:fs")).readFileSync(new URL("./node_modules/@aws-sdk/client-s3/package.json", import.meta.url)));
console.log(`node ${process.version}, @aws-sdk/client-s3 ${version}`);
for (const fn of [seed000, seed003, seed004, auth]) {
  try {
    await fn();
  } catch (e) {
    failed++;
    console.log(`FAIL ${fn.name}: setup error: ${e.stack}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
