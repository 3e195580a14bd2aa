// Stand-in for scality/arsenal (a GitHub dependency of cloudserver) with
// only what the selected test files read: errors[NAME].code is the HTTP
// status AWS answers with NAME (from AWS's S3 error-code list), and
// errors[NAME].is[OTHER] is NAME === OTHER. An unlisted name throws, so
// a test never compares against a made-up status.
'use strict';

const statuses = {
    AccessDenied: 403,
    BadDigest: 400,
    BadRequest: 400,
    BucketAlreadyExists: 409,
    BucketAlreadyOwnedByYou: 409,
    BucketNotEmpty: 409,
    EntityTooLarge: 400,
    EntityTooSmall: 400,
    IllegalVersioningConfigurationException: 400,
    InvalidAccessKeyId: 403,
    InvalidArgument: 400,
    InvalidBucketName: 400,
    InvalidBucketState: 409,
    InvalidDigest: 400,
    InvalidLocationConstraint: 400,
    InvalidObjectState: 403,
    InvalidPart: 400,
    InvalidPartOrder: 400,
    InvalidPartNumber: 416,
    InvalidRange: 416,
    InvalidRedirectLocation: 400,
    InvalidRequest: 400,
    InvalidStorageClass: 400,
    InvalidTag: 400,
    KeyTooLongError: 400,
    MalformedACLError: 400,
    MalformedPolicy: 400,
    MalformedXML: 400,
    MetadataTooLarge: 400,
    MethodNotAllowed: 405,
    MissingContentLength: 411,
    NoSuchBucket: 404,
    NoSuchBucketPolicy: 404,
    NoSuchCORSConfiguration: 404,
    NoSuchKey: 404,
    NoSuchLifecycleConfiguration: 404,
    NoSuchObjectLockConfiguration: 404,
    NoSuchTagSet: 404,
    NoSuchUpload: 404,
    NoSuchVersion: 404,
    NoSuchWebsiteConfiguration: 404,
    NotImplemented: 501,
    NotModified: 304,
    ObjectLockConfigurationNotFoundError: 404,
    PreconditionFailed: 412,
    ReplicationConfigurationNotFoundError: 404,
    ServerSideEncryptionConfigurationNotFoundError: 404,
    ServiceUnavailable: 503,
    SignatureDoesNotMatch: 403,
    TooManyBuckets: 400,
};

function arsenalError(name) {
    if (!(name in statuses)) {
        throw new Error(`arsenal shim: no AWS status recorded for ${name}`);
    }
    const is = new Proxy({}, { get: (_, other) => other === name });
    return { code: statuses[name], message: name, type: name, is };
}

const errors = new Proxy({}, {
    get: (_, name) => (typeof name === 'string' ? arsenalError(name) : undefined),
});

function unavailable(what) {
    return () => { throw new Error(`arsenal shim: ${what} is cloudserver-internal`); };
}

module.exports = {
    errors,
    versioning: { VersionID: { decode: v => v, getInfVid: unavailable('VersionID') } },
    models: { BucketInfo: unavailable('BucketInfo') },
    auth: {},
    policies: {},
    storage: { data: { external: {} } },
};
