// Stand-in for the suite's test/utils/init.js, which rewrites object
// metadata in cloudserver's database to fake archived or transitioning
// objects (cloudserver's cold-storage states). Not reachable over S3:
// the tests that use it are left out by run.sh's exclusion list; a call
// that gets here fails the test rather than pretend.
'use strict';
function unavailable(...args) {
    const cb = args[args.length - 1];
    cb(new Error('init shim: cloudserver metadata is not reachable over S3'));
}
module.exports = {
    initMetadata: unavailable,
    getMetadata: unavailable,
    fakeMetadataArchive: unavailable,
    fakeMetadataTransition: unavailable,
};
