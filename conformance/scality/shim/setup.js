// Loaded by mocha (--require) before the suite. In AWS mode the suite's
// clients talk to the global endpoint s3.amazonaws.com (the SDK then
// sends CreateBucket without a LocationConstraint, as against AWS), and
// its raw HTTP requests name s3.amazonaws.com:80. Every HTTP request for
// s3.amazonaws.com or BUCKET.s3.amazonaws.com is sent to fakeaws instead,
// its Host header kept (fakeaws serves that host path- and
// virtual-hosted-style), so signatures stay valid.
'use strict';
const http = require('http');
const AWS = require('aws-sdk');

const url = new URL(process.env.FAKEAWS_URL);
AWS.config.update({
    endpoint: 'http://s3.amazonaws.com',
    s3ForcePathStyle: true,
    region: process.env.AWS_REGION || 'us-east-1',
});
// bucket-util.js sets AWS.config.logger = console: one line per request.
Object.defineProperty(AWS.config, 'logger', { get: () => null, set: () => {} });

// Node 19 and later keep connections alive by default; the suite (written
// for Node 16) counts a socket's bytesWritten as one request's
// (test/object/100-continue.js).
http.globalAgent = new http.Agent({ keepAlive: false });

const awsHost = /(^|\.)s3\.amazonaws\.com$/;
function redirect(args) {
    const opts = args[0];
    if (!opts || typeof opts !== 'object' || opts instanceof URL) {
        return args;
    }
    const host = opts.hostname || opts.host;
    if (!host || !awsHost.test(host)) {
        return args;
    }
    const headers = Object.assign({}, opts.headers);
    if (!Object.keys(headers).some(h => h.toLowerCase() === 'host')) {
        headers.host = host;
    }
    const moved = Object.assign({}, opts, {
        hostname: url.hostname, host: undefined, port: url.port, headers,
    });
    return [moved, ...args.slice(1)];
}
for (const name of ['request', 'get']) {
    const orig = http[name];
    http[name] = (...args) => orig.apply(http, redirect(args));
}

// SCALITY_BUCKET_DEFAULTS=legacy: the suite predates AWS's April 2023
// defaults for new buckets (ACLs disabled by BucketOwnerEnforced, Block
// Public Access on). With it, each CreateBucket the SDK sends is followed,
// as a user must do on AWS today, by PutBucketOwnershipControls
// ObjectWriter, DeletePublicAccessBlock and then the bucket ACL the
// CreateBucket asked for (sent without it, as AWS refuses a public ACL on
// a new bucket); see docs/deviations.md. Unset, the suite meets today's
// AWS defaults.
const aclParams = ['ACL', 'GrantFullControl', 'GrantRead', 'GrantReadACP', 'GrantWrite', 'GrantWriteACP'];
if (process.env.SCALITY_BUCKET_DEFAULTS === 'legacy') {
    AWS.events.on('validate', req => {
        if (req.operation !== 'createBucket' || !req.params) {
            return;
        }
        const acl = {};
        for (const k of aclParams) {
            if (req.params[k] !== undefined) {
                acl[k] = req.params[k];
            }
        }
        if (Object.keys(acl).length > 0) {
            req.scalityACL = acl;
            req.params = Object.assign({}, req.params);
            aclParams.forEach(k => delete req.params[k]);
        }
    });
    AWS.events.onAsync('success', (resp, done) => {
        const req = resp.request;
        if (req.operation !== 'createBucket') {
            return done();
        }
        const s3 = new AWS.S3(req.service.config);
        const Bucket = req.params.Bucket;
        const controls = { Rules: [{ ObjectOwnership: 'ObjectWriter' }] };
        return s3.putBucketOwnershipControls({ Bucket, OwnershipControls: controls }, () =>
            s3.deletePublicAccessBlock({ Bucket }, () => {
                if (!req.scalityACL) {
                    return done();
                }
                return s3.putBucketAcl(Object.assign({ Bucket }, req.scalityACL), err => done(err));
            }));
    });
}
