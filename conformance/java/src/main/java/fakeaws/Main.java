// The seed cross-account flow, S3 basics with the SDK's default settings and
// the SDK's error mapping, through the AWS SDK for Java v2 against the
// fakeaws at args[0]. Run by conformance/java_test.go, which asserts each
// step: every step prints one line "STEP<TAB>name<TAB>outcome", where the
// outcome is "ok" plus what the step read back, or "error CODE STATUS" for
// an AwsServiceException (awsErrorDetails().errorCode(), statusCode()), or
// "exception CLASS: message" for anything else (a failed response checksum
// validation, a connection error). The program itself judges nothing.
package fakeaws;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.http.conn.DnsResolver;
import org.apache.http.impl.conn.SystemDefaultDnsResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;
import software.amazon.awssdk.transfer.s3.model.DownloadFileRequest;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;

public final class Main {
    static final String EMRYS = "111111111111";
    static final String ODIN = "222222222222";
    static final Region REGION = Region.US_EAST_1;
    static final String ROLE = "S3ReadWriteRoleEmrys";
    static final String ROLE_ARN = "arn:aws:iam::" + ODIN + ":role/" + ROLE;
    static final String BUCKET = "odin-bucket";
    static final String BASICS = "java-basics";

    /** A step's work; what it returns is printed after "ok". */
    interface Step {
        String run() throws Exception;
    }

    private final URI endpoint;
    private final URI virtualEndpoint;
    // One Apache client for every synchronous SDK client: its DNS resolver
    // sends BUCKET.localhost to the loopback address, as the other tests'
    // clients (curl, node, the Go SDK) do, so that virtual-hosted
    // addressing works without /etc/hosts entries.
    private final SdkHttpClient http = ApacheHttpClient.builder().dnsResolver(new LocalhostResolver()).build();
    // Presigned URLs are fetched with the JDK's own client, HTTP/1.1 (its
    // default, HTTP/2, would add an h2c upgrade to plain-HTTP requests).
    private final HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path scratch;

    Main(URI endpoint, Path scratch) {
        this.endpoint = endpoint;
        this.virtualEndpoint = URI.create(endpoint.toString().replace("127.0.0.1", "localhost"));
        this.scratch = scratch;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: fakeaws.Main ENDPOINT SCRATCH_DIR");
            System.exit(2);
        }
        Main m = new Main(URI.create(args[0]), Path.of(args[1]));
        m.crossAccount();
        m.basics();
        m.presigned();
        m.multipart();
        m.errors();
        m.expiry(); // last: it moves fakeaws's clock two hours on
        System.out.println("DONE");
        System.out.flush();
        // The SDK's HTTP clients and the transfer manager keep threads;
        // the steps are printed, so stop here.
        System.exit(0);
    }

    // --- the seed cross-account flow (seeds/000) -------------------------

    private Credentials session;

    void crossAccount() {
        IamClient odinIam = iam(root(ODIN));
        IamClient emrysIam = iam(root(EMRYS));
        step("seed.create-role", () -> odinIam.createRole(b -> b.roleName(ROLE)
            .assumeRolePolicyDocument(trust("arn:aws:iam::" + EMRYS + ":root"))).role().arn());
        String policyArn = step("seed.create-policy", () -> odinIam.createPolicy(b -> b.policyName("ReadOdinS3IAMPolicy")
            .policyDocument(doc(allow("s3:ListBucket", "arn:aws:s3:::" + BUCKET),
                allow("[\"s3:GetObject\",\"s3:PutObject\"]", "arn:aws:s3:::" + BUCKET + "/*")))).policy().arn());
        step("seed.attach-role-policy", () -> none(odinIam.attachRolePolicy(b -> b.roleName(ROLE).policyArn(policyArn))));
        step("seed.create-bucket", () -> none(s3(root(ODIN)).createBucket(b -> b.bucket(BUCKET))));
        step("seed.create-user", () -> emrysIam.createUser(b -> b.userName("merlin")).user().arn());
        AccessKey key = emrysIam.createAccessKey(b -> b.userName("merlin")).accessKey();
        AwsCredentialsProvider merlin = basic(key.accessKeyId(), key.secretAccessKey());
        step("seed.assume-role without identity policy", () -> assume(merlin).assumedRoleUser().arn());
        step("seed.put-user-policy", () -> none(emrysIam.putUserPolicy(b -> b.userName("merlin").policyName("AssumeOdinRole")
            .policyDocument(doc(allow("\"sts:AssumeRole\"", ROLE_ARN))))));
        step("seed.assume-role", () -> {
            AssumeRoleResponse out = assume(merlin);
            session = out.credentials();
            return out.assumedRoleUser().arn();
        });
        sessionSteps(merlin);
    }

    private void sessionSteps(AwsCredentialsProvider merlin) {
        AwsCredentialsProvider creds = StaticCredentialsProvider.create(
            AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
        S3Client path = s3(creds);
        step("seed.session put", () -> put(path, BUCKET, "hello-path.txt", "hello Odin"));
        step("seed.session get", () -> get(path, BUCKET, "hello-path.txt"));
        step("seed.session list", () -> keys(path, BUCKET));
        step("seed.session delete (not allowed)", () -> none(path.deleteObject(b -> b.bucket(BUCKET).key("hello-path.txt"))));
        step("seed.user's own keys", () -> get(s3(merlin), BUCKET, "hello-path.txt"));
        S3Client virtual = s3Virtual(creds);
        step("seed.session put (virtual-hosted)", () -> put(virtual, BUCKET, "hello-virtual.txt", "hello Odin"));
        step("seed.session get (virtual-hosted)", () -> get(virtual, BUCKET, "hello-virtual.txt"));
        step("seed.bucket policy denies secret/*", () -> none(s3(root(ODIN)).putBucketPolicy(b -> b.bucket(BUCKET).policy(
            doc("{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + ROLE_ARN + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + BUCKET + "/secret/*\"}")))));
        step("seed.session put secret/x", () -> put(path, BUCKET, "secret/x", "classified"));
        step("seed.session get secret/x (explicit deny)", () -> get(path, BUCKET, "secret/x"));
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder().stsClient(sts(merlin))
            .refreshRequest(r -> r.roleArn(ROLE_ARN).roleSessionName("provider")).build();
        step("seed.StsAssumeRoleCredentialsProvider caller", () -> sts(provider).getCallerIdentity().arn());
        step("seed.StsAssumeRoleCredentialsProvider get", () -> get(s3(provider), BUCKET, "hello-virtual.txt"));
    }

    private AssumeRoleResponse assume(AwsCredentialsProvider who) {
        return sts(who).assumeRole(b -> b.roleArn(ROLE_ARN).roleSessionName("s3-access"));
    }

    // --- S3 basics, default SDK settings ----------------------------------

    static final String BODY = "hello from the AWS SDK for Java v2";

    void basics() {
        S3Client s3 = s3(root(EMRYS));
        step("basics.create-bucket", () -> none(s3.createBucket(b -> b.bucket(BASICS))));
        // Over http the SDK signs the body aws-chunked
        // (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER) with a CRC32 trailer.
        step("basics.put", () -> s3.putObject(b -> b.bucket(BASICS).key("a.txt").metadata(Map.of("color", "blue")),
            RequestBody.fromString(BODY)).checksumCRC32());
        // GetObject asks for the checksum and validates the body against it.
        step("basics.get", () -> {
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BASICS).key("a.txt"));
            return got.asUtf8String() + " crc32=" + got.response().checksumCRC32();
        });
        step("basics.get range", () -> {
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BASICS).key("a.txt").range("bytes=0-4"));
            return got.asUtf8String() + " " + got.response().contentRange() + " crc32=" + got.response().checksumCRC32();
        });
        step("basics.head", () -> {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(BASICS).key("a.txt"));
            return h.contentLength() + " " + h.metadata();
        });
        step("basics.copy", () -> s3.copyObject(b -> b.sourceBucket(BASICS).sourceKey("a.txt")
            .destinationBucket(BASICS).destinationKey("b.txt")).copyObjectResult().eTag());
        step("basics.get copy", () -> get(s3, BASICS, "b.txt"));
        step("basics.put-tagging", () -> none(s3.putObjectTagging(b -> b.bucket(BASICS).key("a.txt")
            .tagging(t -> t.tagSet(Tag.builder().key("team").value("odin").build(), Tag.builder().key("tier").value("1").build())))));
        step("basics.get-tagging", () -> s3.getObjectTagging(b -> b.bucket(BASICS).key("a.txt")).tagSet().stream()
            .map(t -> t.key() + "=" + t.value()).sorted().collect(Collectors.joining(",")));
        step("basics.put c.txt", () -> put(s3, BASICS, "c.txt", "third"));
        step("basics.list", () -> keys(s3, BASICS));
        step("basics.delete a.txt", () -> none(s3.deleteObject(b -> b.bucket(BASICS).key("a.txt"))));
        step("basics.delete-objects", () -> {
            DeleteObjectsResponse out = s3.deleteObjects(b -> b.bucket(BASICS).delete(d -> d.objects(
                ObjectIdentifier.builder().key("b.txt").build(), ObjectIdentifier.builder().key("c.txt").build())));
            return out.deleted().stream().map(o -> o.key()).sorted().collect(Collectors.joining(",")) + " errors=" + out.errors().size();
        });
        step("basics.list after deletes", () -> keys(s3, BASICS));
        S3AsyncClient async = s3Async(root(EMRYS), false);
        // The async client over http sends STREAMING-UNSIGNED-PAYLOAD-TRAILER.
        step("basics.async put", () -> async.putObject(b -> b.bucket(BASICS).key("async.txt"),
            AsyncRequestBody.fromString(BODY)).join().checksumCRC32());
        step("basics.async get", () -> async.getObject(b -> b.bucket(BASICS).key("async.txt"),
            AsyncResponseTransformer.toBytes()).join().asUtf8String());
        S3Client virtual = s3Virtual(root(EMRYS));
        step("basics.put (virtual-hosted)", () -> put(virtual, BASICS, "v.txt", BODY));
        step("basics.get (virtual-hosted)", () -> get(virtual, BASICS, "v.txt"));
    }

    // --- presigned URLs -----------------------------------------------------

    void presigned() {
        S3Presigner presigner = S3Presigner.builder().region(REGION).endpointOverride(endpoint)
            .credentialsProvider(root(EMRYS))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        PresignedGetObjectRequest get = presigner.presignGetObject(GetObjectPresignRequest.builder()
            .signatureDuration(Duration.ofMinutes(10)).getObjectRequest(b -> b.bucket(BASICS).key("v.txt")).build());
        String getUrl = get.url().toString();
        step("presign.get", () -> fetch("GET", getUrl, get.signedHeaders(), null));
        step("presign.get tampered", () -> fetch("GET", tamper(getUrl), get.signedHeaders(), null));
        PresignedPutObjectRequest put = presigner.presignPutObject(PutObjectPresignRequest.builder()
            .signatureDuration(Duration.ofMinutes(10)).putObjectRequest(b -> b.bucket(BASICS).key("presigned.txt")).build());
        step("presign.put", () -> fetch("PUT", put.url().toString(), put.signedHeaders(), "via a presigned PUT"));
        step("presign.get what was put", () -> get(s3(root(EMRYS)), BASICS, "presigned.txt"));
        PresignedGetObjectRequest brief = presigner.presignGetObject(GetObjectPresignRequest.builder()
            .signatureDuration(Duration.ofSeconds(1)).getObjectRequest(b -> b.bucket(BASICS).key("v.txt")).build());
        step("presign.get expired", () -> {
            Thread.sleep(2500);
            return fetch("GET", brief.url().toString(), brief.signedHeaders(), null);
        });
    }

    // tamper changes the signature's last hex digit.
    static String tamper(String url) {
        int end = url.indexOf('&', url.indexOf("X-Amz-Signature="));
        int last = (end < 0 ? url.length() : end) - 1;
        char c = url.charAt(last) == '0' ? '1' : '0';
        return url.substring(0, last) + c + url.substring(last + 1);
    }

    // fetch sends a request to a presigned URL with java.net.http and
    // prints the status, and the body or the S3 error code.
    String fetch(String method, String url, Map<String, List<String>> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
            body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        HttpResponse<String> resp = plain.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Matcher code = Pattern.compile("<Code>([^<]*)</Code>").matcher(resp.body());
        return (resp.statusCode() + " " + (code.find() ? code.group(1) : resp.body())).trim();
    }

    // --- multipart: S3AsyncClient multipartEnabled and S3TransferManager ---

    void multipart() {
        S3AsyncClient async = s3Async(root(EMRYS), true);
        S3TransferManager tm = S3TransferManager.builder().s3Client(async).build();
        Path src = scratch.resolve("big.bin");
        Path dst = scratch.resolve("big.copy");
        step("multipart.write 20 MiB", () -> {
            write20MiB(src);
            return Long.toString(Files.size(src));
        });
        step("multipart.upload", () -> {
            CompletedFileUpload up = tm.uploadFile(UploadFileRequest.builder()
                .putObjectRequest(b -> b.bucket(BASICS).key("big.bin")).source(src).build()).completionFuture().join();
            String etag = up.response().eTag();
            return "parts=" + etag.substring(etag.lastIndexOf('-') + 1).replace("\"", "");
        });
        step("multipart.head", () -> Long.toString(s3(root(EMRYS)).headObject(b -> b.bucket(BASICS).key("big.bin")).contentLength()));
        step("multipart.download", () -> {
            tm.downloadFile(DownloadFileRequest.builder().getObjectRequest(b -> b.bucket(BASICS).key("big.bin"))
                .destination(dst).build()).completionFuture().join();
            return "same=" + sha256(src).equals(sha256(dst));
        });
        step("multipart.ranged get", () -> {
            ResponseBytes<GetObjectResponse> got = s3(root(EMRYS)).getObjectAsBytes(b -> b.bucket(BASICS).key("big.bin")
                .range("bytes=10485760-10485775"));
            return HexFormat.of().formatHex(got.asByteArray()) + " " + got.response().contentRange();
        });
    }

    // write20MiB writes 20 MiB whose byte i is (i*31 + i/65536) mod 256.
    static void write20MiB(Path p) throws IOException {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (int n = 0; n < 320; n++) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) (i * 31 + n);
                }
                out.write(block);
            }
        }
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    // --- error mapping --------------------------------------------------------

    void errors() {
        S3Client s3 = s3(root(EMRYS));
        step("errors.NoSuchKey", () -> get(s3, BASICS, "no-such-key"));
        step("errors.NoSuchKey (head)", () -> none(s3.headObject(b -> b.bucket(BASICS).key("no-such-key"))));
        step("errors.NoSuchBucket", () -> keys(s3, "no-such-bucket-java"));
        S3Client eu = S3Client.builder().region(Region.EU_WEST_1).endpointOverride(endpoint).forcePathStyle(true)
            .credentialsProvider(root(EMRYS)).httpClient(http).overrideConfiguration(noRetries()).build();
        step("errors.create eu bucket", () -> none(eu.createBucket(b -> b.bucket("java-eu")
            .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)))));
        step("errors.BucketAlreadyOwnedByYou", () -> none(eu.createBucket(b -> b.bucket("java-eu")
            .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)))));
        step("errors.BucketAlreadyExists", () -> none(s3(root(ODIN)).createBucket(b -> b.bucket(BASICS))));
        AwsCredentialsProvider unknown = basic("AKIAJAVANOSUCHKEY000", "secret");
        step("errors.InvalidAccessKeyId", () -> keys(s3(unknown), BASICS));
        step("errors.InvalidClientTokenId (STS)", () -> sts(unknown).getCallerIdentity().arn());
        AccessKey key = iam(root(EMRYS)).createAccessKey(b -> b.userName("merlin")).accessKey();
        AwsCredentialsProvider wrongSecret = basic(key.accessKeyId(), key.secretAccessKey() + "x");
        step("errors.SignatureDoesNotMatch", () -> keys(s3(wrongSecret), BASICS));
        step("errors.SignatureDoesNotMatch (STS)", () -> sts(wrongSecret).getCallerIdentity().arn());
    }

    // expiry moves fakeaws's clock past the session's hour (the admin
    // endpoint of docs/testing.md) and uses the session again.
    void expiry() {
        step("expiry.advance clock 2h", () -> fetch("POST", endpoint + "/_fakeaws/clock?advance=2h", Map.of(), null)
            .replaceAll("\\{.*", "").trim());
        AwsCredentialsProvider creds = StaticCredentialsProvider.create(
            AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
        step("expiry.ExpiredToken (S3)", () -> get(s3(creds), BUCKET, "hello-path.txt"));
        step("expiry.ExpiredToken (STS)", () -> sts(creds).getCallerIdentity().arn());
    }

    // --- helpers ----------------------------------------------------------

    static String step(String name, Step s) {
        String out;
        String result = null;
        try {
            result = s.run();
            out = result == null || result.isEmpty() ? "ok" : "ok " + result;
        } catch (Exception e) {
            out = outcome(e);
        }
        System.out.println("STEP\t" + name + "\t" + out.replace('\n', ' ').replace('\t', ' '));
        System.out.flush();
        return result;
    }

    static String outcome(Throwable e) {
        if (e instanceof CompletionException && e.getCause() != null) {
            return outcome(e.getCause());
        }
        if (e instanceof AwsServiceException) {
            AwsServiceException a = (AwsServiceException) e;
            String code = a.awsErrorDetails() == null ? null : a.awsErrorDetails().errorCode();
            return "error " + code + " " + a.statusCode();
        }
        return "exception " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static String none(Object ignored) {
        return "";
    }

    static String put(S3Client s3, String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
        return "";
    }

    static String get(S3Client s3, String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    static String keys(S3Client s3, String bucket) {
        return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).collect(Collectors.joining(","));
    }

    static String doc(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static String allow(String actions, String resource) {
        String action = actions.startsWith("[") || actions.startsWith("\"") ? actions : "\"" + actions + "\"";
        return "{\"Effect\":\"Allow\",\"Action\":" + action + ",\"Resource\":\"" + resource + "\"}";
    }

    static String trust(String principal) {
        return doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"sts:AssumeRole\"}");
    }

    static AwsCredentialsProvider root(String account) {
        return basic(account, "test");
    }

    static AwsCredentialsProvider basic(String id, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }

    static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    IamClient iam(AwsCredentialsProvider creds) {
        return IamClient.builder().region(REGION).endpointOverride(endpoint).credentialsProvider(creds)
            .httpClient(http).overrideConfiguration(noRetries()).build();
    }

    StsClient sts(AwsCredentialsProvider creds) {
        return StsClient.builder().region(REGION).endpointOverride(endpoint).credentialsProvider(creds)
            .httpClient(http).overrideConfiguration(noRetries()).build();
    }

    // s3 is path-style (forcePathStyle), the SDK's other settings left at
    // their defaults.
    S3Client s3(AwsCredentialsProvider creds) {
        return S3Client.builder().region(REGION).endpointOverride(endpoint).forcePathStyle(true).credentialsProvider(creds)
            .httpClient(http).overrideConfiguration(noRetries()).build();
    }

    // s3Virtual addresses BUCKET.localhost:PORT.
    S3Client s3Virtual(AwsCredentialsProvider creds) {
        return S3Client.builder().region(REGION).endpointOverride(virtualEndpoint).credentialsProvider(creds)
            .httpClient(http).overrideConfiguration(noRetries()).build();
    }

    // s3Async is path-style on the default async HTTP client (Netty).
    S3AsyncClient s3Async(AwsCredentialsProvider creds, boolean multipart) {
        return S3AsyncClient.builder().region(REGION).endpointOverride(endpoint).forcePathStyle(true)
            .credentialsProvider(creds).multipartEnabled(multipart).overrideConfiguration(noRetries()).build();
    }

    /** LocalhostResolver answers the loopback address for *.localhost. */
    static final class LocalhostResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            if (host.equals("localhost") || host.endsWith(".localhost")) {
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            }
            return SystemDefaultDnsResolver.INSTANCE.resolve(host);
        }
    }
}
