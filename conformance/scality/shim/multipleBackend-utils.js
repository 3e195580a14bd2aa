// Stand-in for the suite's test/multipleBackend/utils.js (Azure, GCP and
// cloudserver location helpers): only describeSkipIfCeph, which
// test/object/rangeTest.js reads; not a Ceph run, so plain describe.
'use strict';
/* global describe */
module.exports = { describeSkipIfCeph: describe };
