// Seed 000's flow with the AWS SDK for JavaScript v3: Emrys's user assumes a
// role in Odin, writes Odin's bucket, and is denied a delete the role does
// not allow. Runs under Jest or Vitest with globalSetup.mjs, or with
// `node --test roleflow.test.mjs` (it then starts fakeaws itself).
import assert from 'node:assert/strict';
import { test, before, after } from 'node:test';
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand, CreateUserCommand, PutUserPolicyCommand, CreateAccessKeyCommand } from '@aws-sdk/client-iam';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import setup, { teardown } from './globalSetup.mjs';

const EMRYS = '111111111111', ODIN = '222222222222';
const ROLE_ARN = `arn:aws:iam::${ODIN}:role/S3ReadWriteRoleEmrys`;

const clientOf = (Client, accessKeyId, secretAccessKey = 'test', sessionToken) => new Client({
  endpoint: process.env.AWS_ENDPOINT_URL, region: 'us-east-1', forcePathStyle: true,
  credentials: { accessKeyId, secretAccessKey, sessionToken },
});
const doc = (statement) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

before(async () => { if (!process.env.AWS_ENDPOINT_URL) await setup(); });
after(teardown);

test('cross-account role flow and the expected denial', async () => {
  await clientOf(S3Client, ODIN).send(new CreateBucketCommand({ Bucket: 'odin-bucket' }));
  const odin = clientOf(IAMClient, ODIN);
  await odin.send(new CreateRoleCommand({ RoleName: 'S3ReadWriteRoleEmrys', AssumeRolePolicyDocument:
    doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::${EMRYS}:root` } }) }));
  await odin.send(new PutRolePolicyCommand({ RoleName: 'S3ReadWriteRoleEmrys', PolicyName: 'rw', PolicyDocument:
    doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::odin-bucket/*' }) }));

  const emrys = clientOf(IAMClient, EMRYS);
  await emrys.send(new CreateUserCommand({ UserName: 'merlin' }));
  await emrys.send(new PutUserPolicyCommand({ UserName: 'merlin', PolicyName: 'assume', PolicyDocument:
    doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE_ARN }) }));
  const { AccessKey: key } = await emrys.send(new CreateAccessKeyCommand({ UserName: 'merlin' }));

  const { Credentials: c } = await clientOf(STSClient, key.AccessKeyId, key.SecretAccessKey)
    .send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'js' }));
  const s3 = clientOf(S3Client, c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
  await s3.send(new PutObjectCommand({ Bucket: 'odin-bucket', Key: 'from-emrys.txt', Body: 'written by Emrys' }));
  const got = await s3.send(new GetObjectCommand({ Bucket: 'odin-bucket', Key: 'from-emrys.txt' }));
  assert.equal(await got.Body.transformToString(), 'written by Emrys');

  await assert.rejects(s3.send(new DeleteObjectCommand({ Bucket: 'odin-bucket', Key: 'from-emrys.txt' })),
    (err) => err.name === 'AccessDenied');
});
