// Preloaded (NODE_OPTIONS=--require) by run.sh in virtual-hosted mode: the
// SDK then addresses a bucket as BUCKET.localhost:PORT, and this machine's
// resolver may not answer *.localhost (RFC 6761 reserves it for loopback).
// Resolves those names to 127.0.0.1, as an /etc/hosts entry would; every
// other name goes to the system resolver.
const dns = require("node:dns");
const lookup = dns.lookup;

dns.lookup = function (hostname, options, callback) {
  if (typeof options === "function") {
    callback = options;
    options = {};
  }
  if (typeof hostname === "string" && hostname.toLowerCase().endsWith(".localhost")) {
    const all = typeof options === "object" && options !== null && options.all;
    return process.nextTick(() =>
      all ? callback(null, [{ address: "127.0.0.1", family: 4 }]) : callback(null, "127.0.0.1", 4)
    );
  }
  return lookup.call(this, hostname, options, callback);
};
