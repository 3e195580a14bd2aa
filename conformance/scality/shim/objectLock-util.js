// Stand-in for cloudserver's tests/utilities/objectLock-util.js, which
// rewrites object metadata in cloudserver's database to lift a lock. Over
// the S3 API only what AWS allows can be done: turn the legal hold off and
// lift GOVERNANCE retention with x-amz-bypass-governance-retention. A
// COMPLIANCE lock stays (the test's cleanup then fails, as it would on AWS).
// A newConfig with a past date ("retention expired") is served the same
// way: AWS refuses a retain-until date in the past.
'use strict';
const async = require('async');
const { S3 } = require('aws-sdk');
const getConfig = require('../functional/aws-node-sdk/test/support/config');

const s3 = new S3(getConfig('default', { signatureVersion: 'v4' }));

function liftLock(object, next) {
    const { bucket, key, versionId } = object;
    const base = { Bucket: bucket, Key: key, VersionId: versionId };
    s3.putObjectLegalHold(Object.assign({ LegalHold: { Status: 'OFF' } }, base), () => {
        s3.putObjectRetention(Object.assign({
            Retention: {}, BypassGovernanceRetention: true,
        }, base), () => next());
    });
}

function changeObjectLock(objects, newConfig, cb) {
    async.each(objects, liftLock, cb);
}

module.exports = changeObjectLock;
