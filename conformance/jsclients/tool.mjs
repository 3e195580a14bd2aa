// Drives the AWS SDK for JavaScript v2 (aws-sdk) or minio-js against
// fakeaws for conformance/clients_js_test.go, one S3 call per run, the way
// the other tools in conformance/clients_test.go are driven through their
// command lines:
//
//   node tool.mjs CLIENT ENDPOINT OP ARGS...
//
// CLIENT is awsv2 (SigV4), awsv2-sigv2 (signatureVersion "v2") or minio.
// Credentials and a session token come from the AWS_* variables. An error
// prints "ERROR code=CODE status=STATUS: message" and exits 1.
import { createReadStream, createWriteStream, readFileSync, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";

// Each run loads only the library it drives: node's start-up is most of a
// call's time on a loaded machine.
let AWS, S3, Minio;

const region = "us-east-1";
const partSize = 5 * 1024 * 1024; // the smallest part: 20 MiB goes up in 4 parts
const env = process.env;

// metaArgs turns name=value arguments into a metadata object.
const metaArgs = (args) => Object.fromEntries(args.map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));

// awsV2 is the AWS SDK for JavaScript v2 with the settings docs/clients.md
// gives: endpoint, s3ForcePathStyle, region; credentials from AWS_*.
function awsV2(endpoint, signatureVersion) {
  const s3 = new S3({ endpoint, s3ForcePathStyle: true, region, signatureVersion, maxRetries: 0,
    credentials: new AWS.EnvironmentCredentials("AWS") });
  return {
    mb: (b) => s3.createBucket({ Bucket: b }).promise(),
    // upload is ManagedUpload: one PutObject below partSize, else multipart.
    put: (b, k, p, ...meta) => s3.upload({ Bucket: b, Key: k, Body: createReadStream(p), Metadata: metaArgs(meta) },
      { partSize, queueSize: 2 }).promise(),
    // putobject is a plain PutObject with a Buffer body.
    putobject: (b, k, p, ...meta) => s3.putObject({ Bucket: b, Key: k, Body: readFileSync(p), Metadata: metaArgs(meta) }).promise(),
    get: (b, k, p) => pipeline(s3.getObject({ Bucket: b, Key: k }).createReadStream(), createWriteStream(p)),
    getobject: (b, k, p) => pipeline(s3.getObject({ Bucket: b, Key: k }).createReadStream(), createWriteStream(p)),
    ls: async (b) => {
      const out = await s3.listObjectsV2({ Bucket: b }).promise();
      for (const o of out.Contents) console.log(o.Key);
    },
    cp: (b, from, to) => s3.copyObject({ Bucket: b, Key: to, CopySource: `${b}/${from}` }).promise(),
    rm: (b, k) => s3.deleteObject({ Bucket: b, Key: k }).promise(),
    presign: async (b, k) => console.log(s3.getSignedUrl("getObject", { Bucket: b, Key: k, Expires: 3600 })),
    head: async (b, k) => console.log(JSON.stringify((await s3.headObject({ Bucket: b, Key: k }).promise()).Metadata)),
  };
}

// minioJS is minio-js with the settings docs/clients.md gives: host and
// port apart, useSSL false, pathStyle, region; credentials from AWS_*.
function minioJS(endpoint) {
  const u = new URL(endpoint);
  const c = new Minio.Client({ endPoint: u.hostname, port: Number(u.port), useSSL: u.protocol === "https:",
    accessKey: env.AWS_ACCESS_KEY_ID, secretKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN,
    region, pathStyle: true, partSize });
  return {
    mb: (b) => c.makeBucket(b, region),
    put: (b, k, p, ...meta) => c.fPutObject(b, k, p, metaArgs(meta)),
    // putstream sends a stream of unknown length: minio-js buffers parts.
    putstream: (b, k, p, ...meta) => c.putObject(b, k, createReadStream(p), undefined, metaArgs(meta)),
    get: (b, k, p) => c.fGetObject(b, k, p),
    ls: async (b) => {
      for await (const o of c.listObjectsV2(b, "", true)) console.log(o.name);
    },
    cp: (b, from, to) => c.copyObject(new Minio.CopySourceOptions({ Bucket: b, Object: from }),
      new Minio.CopyDestinationOptions({ Bucket: b, Object: to })),
    rm: (b, k) => c.removeObject(b, k),
    presign: async (b, k) => console.log(await c.presignedGetObject(b, k, 3600)),
    head: async (b, k) => {
      const meta = {};
      for (const [name, v] of Object.entries((await c.statObject(b, k)).metaData)) {
        meta[name.toLowerCase().replace(/^x-amz-meta-/, "")] = v;
      }
      console.log(JSON.stringify(meta));
    },
  };
}

const [client, endpoint, op, ...args] = process.argv.slice(2);
const loadAWS = async () => {
  AWS = (await import("aws-sdk/global.js")).default;
  S3 = (await import("aws-sdk/clients/s3.js")).default;
};
const clients = {
  awsv2: async () => (await loadAWS(), awsV2(endpoint, "v4")),
  "awsv2-sigv2": async () => (await loadAWS(), awsV2(endpoint, "v2")),
  minio: async () => ((Minio = await import("minio")), minioJS(endpoint)),
};
try {
  const c = await clients[client]?.();
  if (!c || !c[op]) throw new Error(`unknown client ${client} or op ${op}`);
  if (op === "put" || op === "putobject" || op === "putstream") statSync(args[2]);
  await c[op](...args);
} catch (e) {
  const code = e.code ?? e.Code ?? e.name;
  console.error(`ERROR code=${code} status=${e.statusCode ?? e.$metadata?.httpStatusCode ?? ""}: ${e.message}`);
  process.exit(1);
}
