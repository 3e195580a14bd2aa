// Stand-in for cloudserver's lib/Config: plain HTTP, no locations.
'use strict';
module.exports = {
    config: { https: undefined, locationConstraints: {}, restEndpoints: {} },
};
