// Stand-in for cloudserver's tests/unit/helpers.js (which needs arsenal's
// in-memory backends): only testsRangeOnEmptyFile, read from the original.
'use strict';
const fs = require('fs');
const path = require('path');

const src = fs.readFileSync(path.join(__dirname, 'helpers.orig.js'), 'utf8');
const m = src.match(/const testsRangeOnEmptyFile = (\[[\s\S]*?\n\]);/);
if (!m) {
    throw new Error('helpers shim: testsRangeOnEmptyFile not found');
}
// eslint-disable-next-line no-new-func
module.exports = { testsRangeOnEmptyFile: new Function(`return ${m[1]}`)() };
