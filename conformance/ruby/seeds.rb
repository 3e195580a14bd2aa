# The seed cross-account flow and S3 with the SDK's defaults, through the
# AWS SDK for Ruby (aws-sdk-s3 and aws-sdk-core, which carries Aws::STS),
# against the fakeaws at AWS_ENDPOINT_URL. The server runs the world of
# examples/emrys-odin.json (there is no IAM client here to build one).
#
# Every call prints one line, checked by conformance/ruby_test.go:
#
#   STEP <name> ok <value>        the call succeeded; value is what it read
#   STEP <name> error <Code>      the SDK raised Aws::Errors::ServiceError
#   STEP <name> exception <text>  anything else (a bug in the script or SDK)
#
# The script itself decides nothing: the Go test holds the expected lines.
# By hand:
#
#   AWS_ENDPOINT_URL=http://127.0.0.1:4566 MERLIN_KEY=AKIAEMRYSMERLIN00001 \
#     MERLIN_SECRET=emrys/merlin/EXAMPLEKEY0000000000000 ruby conformance/ruby/seeds.rb

require "digest"
require "net/http"
require "securerandom"
require "tmpdir"
require "uri"
require "zlib"
require "aws-sdk-core"
require "aws-sdk-s3"

# Virtual-hosted names: the SDK addresses BUCKET.localhost:PORT. glibc on
# Debian resolves *.localhost only with nss-myhostname, which this image
# lacks (`getent hosts b.localhost` fails), so connect every *.localhost
# name to loopback, as an /etc/hosts line would. The Host header (and so
# the signature) keeps the name.
module LoopbackLocalhost
  def conn_address
    address.end_with?(".localhost") ? "127.0.0.1" : super
  end
end
Net::HTTP.prepend(LoopbackLocalhost)

EMRYS = "111111111111"
ODIN = "222222222222"
ENDPOINT = ENV.fetch("AWS_ENDPOINT_URL")
PORT = URI(ENDPOINT).port
ROLE_ARN = "arn:aws:iam::#{ODIN}:role/S3ReadWriteRoleEmrys"
MERLIN = Aws::Credentials.new(ENV.fetch("MERLIN_KEY"), ENV.fetch("MERLIN_SECRET"))

$stdout.sync = true
puts "VERSION aws-sdk-s3 #{Aws::S3::GEM_VERSION} aws-sdk-core #{Aws::CORE_GEM_VERSION} ruby #{RUBY_VERSION}"

def step(name)
  value = yield
  puts "STEP #{name} ok #{value}"
  value
rescue Aws::Errors::ServiceError => e
  puts "STEP #{name} error #{e.code}"
  e
rescue StandardError => e
  puts "STEP #{name} exception #{e.class}: #{e.message.lines.first&.chomp}"
  e
end

# One attempt per call: the first answer is the one checked (the SDK
# retries throttling, 5xx and clock skew otherwise).
COMMON = { region: "us-east-1", endpoint: ENDPOINT, retry_limit: 0 }.freeze

def root(account)
  Aws::Credentials.new(account, "test")
end

def sts(credentials)
  Aws::STS::Client.new(**COMMON, credentials: credentials)
end

def s3(credentials, **opts)
  Aws::S3::Client.new(**COMMON, credentials: credentials, force_path_style: true, **opts)
end

# seed: a user of Emrys assumes Odin's role and uses Odin's bucket.
def seed_cross_account
  step("seed.merlin-identity") { sts(MERLIN).get_caller_identity.arn }
  step("seed.merlin-reads-odin-directly") { s3(MERLIN).get_object(bucket: "odin-bucket", key: "hello.txt").body.read }
  role = Aws::AssumeRoleCredentials.new(client: sts(MERLIN), role_arn: ROLE_ARN, role_session_name: "ruby-seed")
  step("seed.role-identity") { sts(role).get_caller_identity.arn }
  odin = s3(role)
  step("seed.list") { odin.list_objects_v2(bucket: "odin-bucket").contents.map(&:key).join(",") }
  step("seed.get") { odin.get_object(bucket: "odin-bucket", key: "hello.txt").body.read.dump }
  step("seed.put") { odin.put_object(bucket: "odin-bucket", key: "from-emrys.txt", body: "hi Odin").etag }
  step("seed.get-put") { odin.get_object(bucket: "odin-bucket", key: "from-emrys.txt").body.read }
  step("seed.delete") { odin.delete_object(bucket: "odin-bucket", key: "from-emrys.txt") && "deleted" }
  step("seed.list-buckets-denied") { odin.list_buckets.buckets.size }
  step("seed.delete-bucket-denied") { odin.delete_bucket(bucket: "odin-bucket") && "deleted" }
  step("seed.tagging-denied") { odin.get_object_tagging(bucket: "odin-bucket", key: "hello.txt").tag_set.size }
  assumed = nil
  step("seed.sts-client-assume-role") do
    assumed = sts(MERLIN).assume_role(role_arn: ROLE_ARN, role_session_name: "ruby-client")
    assumed.assumed_role_user.arn
  end
  step("seed.assume-role-past-max-session") do
    sts(MERLIN).assume_role(role_arn: ROLE_ARN, role_session_name: "ruby-long", duration_seconds: 7200).assumed_role_user.arn
  end
  # A session policy narrows the role's permissions to ListBucket.
  narrow = Aws::AssumeRoleCredentials.new(client: sts(MERLIN), role_arn: ROLE_ARN, role_session_name: "ruby-narrow",
                                          policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}')
  step("seed.session-policy-list") { s3(narrow).list_objects_v2(bucket: "odin-bucket").key_count }
  step("seed.session-policy-get") { s3(narrow).get_object(bucket: "odin-bucket", key: "hello.txt").body.read }
  step("seed.session-presigned-get") do
    fetch(Aws::S3::Presigner.new(client: odin).presigned_url(:get_object, bucket: "odin-bucket", key: "hello.txt")).dump
  end
  step("seed.session-presigned-post") do
    form_post(Aws::S3::Resource.new(client: odin).bucket("odin-bucket").presigned_post(key: "posted.txt"), "posted")
  end
  step("seed.sts-client-session-get") do
    c = assumed.credentials
    s3(Aws::Credentials.new(c.access_key_id, c.secret_access_key, c.session_token))
      .head_object(bucket: "odin-bucket", key: "hello.txt").content_length
  end
end

# Bad credentials: a wrong secret and an unknown key, to STS and to S3.
def bad_credentials
  wrong = Aws::Credentials.new(MERLIN.access_key_id, "not-the-secret")
  unknown = Aws::Credentials.new("AKIAUNKNOWNKEY000000", "whatever")
  step("auth.sts-wrong-secret") { sts(wrong).get_caller_identity.arn }
  step("auth.sts-unknown-key") { sts(unknown).get_caller_identity.arn }
  step("auth.assume-role-wrong-secret") { sts(wrong).assume_role(role_arn: ROLE_ARN, role_session_name: "ruby-x").assumed_role_user.arn }
  step("auth.s3-wrong-secret") { s3(wrong).list_objects_v2(bucket: "odin-bucket").key_count }
  step("auth.s3-unknown-key") { s3(unknown).list_objects_v2(bucket: "odin-bucket").key_count }
end

# GET through Net::HTTP with no credentials: "<status> <body or code>".
def fetch(url)
  res = Net::HTTP.get_response(URI(url))
  code = res.body.to_s[%r{<Code>([^<]*)</Code>}, 1]
  "#{res.code} #{code || res.body}"
end

def objects(client, bucket, prefix)
  step("#{prefix}.create-bucket") { client.create_bucket(bucket: bucket).location }
  step("#{prefix}.create-bucket-again") { client.create_bucket(bucket: bucket).location }
  step("#{prefix}.put") do
    client.put_object(bucket: bucket, key: "dir/a.txt", body: "alpha", content_type: "text/plain",
                      metadata: { "color" => "blue" }).etag
  end
  step("#{prefix}.head") do
    h = client.head_object(bucket: bucket, key: "dir/a.txt")
    "#{h.content_length} #{h.content_type} #{h.metadata}"
  end
  step("#{prefix}.get") { client.get_object(bucket: bucket, key: "dir/a.txt").body.read }
  step("#{prefix}.copy") { client.copy_object(bucket: bucket, key: "dir/b.txt", copy_source: "#{bucket}/dir/a.txt").copy_object_result.etag }
  step("#{prefix}.get-copy") { client.get_object(bucket: bucket, key: "dir/b.txt").body.read }
  step("#{prefix}.put-tagging") do
    client.put_object_tagging(bucket: bucket, key: "dir/a.txt",
                              tagging: { tag_set: [{ key: "team", value: "odin" }, { key: "tier", value: "1" }] }) && "tagged"
  end
  step("#{prefix}.get-tagging") { client.get_object_tagging(bucket: bucket, key: "dir/a.txt").tag_set.map { |t| "#{t.key}=#{t.value}" }.join(",") }
  step("#{prefix}.list") do
    out = client.list_objects_v2(bucket: bucket, prefix: "dir/")
    "#{out.key_count} #{out.contents.map(&:key).join(',')}"
  end
  step("#{prefix}.list-delimiter") { client.list_objects_v2(bucket: bucket, delimiter: "/").common_prefixes.map(&:prefix).join(",") }
  errors(client, bucket, prefix)
end

def errors(client, bucket, prefix)
  step("#{prefix}.get-missing") { client.get_object(bucket: bucket, key: "nope").body.read }
  step("#{prefix}.get-missing-class") do
    client.get_object(bucket: bucket, key: "nope")
  rescue Aws::S3::Errors::NoSuchKey => e
    e.class.name
  end
  step("#{prefix}.head-missing") { client.head_object(bucket: bucket, key: "nope").etag }
  step("#{prefix}.get-no-bucket") { client.get_object(bucket: "#{bucket}-absent", key: "k").body.read }
  step("#{prefix}.get-no-bucket-class") do
    client.get_object(bucket: "#{bucket}-absent", key: "k")
  rescue Aws::S3::Errors::NoSuchBucket => e
    e.class.name
  end
end

def presigned(client, bucket, prefix)
  signer = Aws::S3::Presigner.new(client: client)
  url = signer.presigned_url(:get_object, bucket: bucket, key: "dir/a.txt", expires_in: 300)
  step("#{prefix}.presign-host") { URI(url).host }
  step("#{prefix}.presigned-get") { fetch(url) }
  old = signer.presigned_url(:get_object, bucket: bucket, key: "dir/a.txt", expires_in: 60, time: Time.now - 3600)
  step("#{prefix}.presigned-expired") { fetch(old) }
  step("#{prefix}.presigned-tampered") { fetch(url.sub("dir/a.txt", "dir/b.txt")) }
end

# A 20 MiB file through upload_file over a 5 MiB threshold (four parts of
# the default 5 MiB), then a ranged GET of its middle.
def multipart(client, bucket, prefix, dir)
  data = Random.new(42).bytes(20 << 20)
  path = File.join(dir, "big.bin")
  File.binwrite(path, data)
  object = Aws::S3::Resource.new(client: client).bucket(bucket).object("big.bin")
  step("#{prefix}.upload-file") { object.upload_file(path, multipart_threshold: 5 << 20) && object.etag[/-\d+"$/] }
  step("#{prefix}.upload-size") { client.head_object(bucket: bucket, key: "big.bin").content_length }
  step("#{prefix}.ranged-get") do
    out = client.get_object(bucket: bucket, key: "big.bin", range: "bytes=10485760-10485775")
    "#{out.content_range} #{out.body.read.b == data[10_485_760, 16]}"
  end
  downloads(client, bucket, prefix, dir, object, data)
  checksummed_multipart(client, bucket, prefix, path, data)
end

# upload_file with checksum_algorithm: "CRC32" sends each part's CRC32 and
# S3 answers the composite checksum: the CRC32 of the parts' CRC32s, "-N".
# GET by part number returns that part's CRC32, which the SDK validates.
def checksummed_multipart(client, bucket, prefix, path, data)
  part = 5 << 20
  crc = ->(bytes) { [[Zlib.crc32(bytes)].pack("N")].pack("m0") }
  parts = (0...data.bytesize).step(part).map { |offset| [Zlib.crc32(data[offset, part])].pack("N") }
  composite = "#{crc.call(parts.join)}-#{parts.size}"
  object = Aws::S3::Resource.new(client: client).bucket(bucket).object("big-crc.bin")
  step("#{prefix}.upload-file-crc32") do
    object.upload_file(path, multipart_threshold: part, checksum_algorithm: "CRC32")
    got = client.head_object(bucket: bucket, key: "big-crc.bin", checksum_mode: "ENABLED").checksum_crc32
    "#{got[/-\d+$/]} #{got == composite}"
  end
  step("#{prefix}.part-crc32") do
    out = client.get_object(bucket: bucket, key: "big-crc.bin", part_number: 2, checksum_mode: "ENABLED")
    "#{out.body.read.bytesize} #{out.checksum_crc32 == crc.call(data[part, part])}"
  end
end

# download_file in its default :auto mode reads the part count with
# HeadObject partNumber=1 and fetches the parts by number on threads.
def downloads(client, bucket, prefix, dir, object, data)
  step("#{prefix}.part-count") { client.head_object(bucket: bucket, key: "big.bin", part_number: 1).parts_count }
  copy = File.join(dir, "big.copy")
  step("#{prefix}.download-file") { object.download_file(copy) && File.binread(copy) == data }
  step("#{prefix}.upload-stream") do
    small = Aws::S3::Resource.new(client: client).bucket(bucket).object("stream.bin")
    small.upload_stream(part_size: 5 << 20) { |w| 3.times { w << ("s" * (3 << 20)) } } && small.content_length
  end
end

# The SDK's flexible checksums (CRC32 computed by the SDK, validated on
# GET with checksum_mode), paging with max_keys, a presigned PUT.
def extras(client, bucket, prefix)
  step("#{prefix}.put-crc32") { client.put_object(bucket: bucket, key: "sum.txt", body: "checksummed", checksum_algorithm: "CRC32").checksum_crc32 }
  step("#{prefix}.get-crc32") do
    out = client.get_object(bucket: bucket, key: "sum.txt", checksum_mode: "ENABLED")
    "#{out.checksum_crc32} #{out.body.read}"
  end
  step("#{prefix}.paged-keys") do
    client.list_objects_v2(bucket: bucket, max_keys: 1).each_page.flat_map { |page| page.contents.map(&:key) }.join(",")
  end
  url = Aws::S3::Presigner.new(client: client).presigned_url(:put_object, bucket: bucket, key: "presigned.txt", expires_in: 300)
  step("#{prefix}.presigned-put") do
    uri = URI(url)
    res = Net::HTTP.start(uri.host, uri.port) { |h| h.send_request("PUT", uri.request_uri, "via presigned PUT") }
    "#{res.code} #{client.get_object(bucket: bucket, key: 'presigned.txt').body.read}"
  end
  # AWS writes a control character of a key as a character reference
  # ("&#x1;") in a listing without encoding-type=url, which this SDK's
  # ListObjectsV2 does not ask for; the listed key must delete the object.
  step("#{prefix}.control-key") do
    client.put_object(bucket: bucket, key: "ctl\u0001key", body: "x")
    key = client.list_objects_v2(bucket: bucket, prefix: "ctl").contents.first.key
    client.delete_object(bucket: bucket, key: key)
    "#{key.dump} #{client.list_objects_v2(bucket: bucket, prefix: 'ctl').key_count}"
  end
  step("#{prefix}.exists") { "#{client.head_object(bucket: bucket, key: 'presigned.txt') && true} #{Aws::S3::Object.new(bucket, 'gone', client: client).exists?}" }
end

def cleanup(client, bucket, prefix)
  step("#{prefix}.delete-object") { client.delete_object(bucket: bucket, key: "dir/b.txt") && "deleted" }
  step("#{prefix}.delete-objects") do
    keys = %w[dir/a.txt big.bin big-crc.bin stream.bin sum.txt presigned.txt]
    out = client.delete_objects(bucket: bucket, delete: { objects: keys.map { |k| { key: k } } })
    "#{out.deleted.map(&:key).sort.join(',')} errors=#{out.errors.size}"
  end
  step("#{prefix}.list-empty") { client.list_objects_v2(bucket: bucket).key_count }
  step("#{prefix}.delete-bucket") { client.delete_bucket(bucket: bucket) && "deleted" }
  step("#{prefix}.get-deleted-bucket") { client.head_bucket(bucket: bucket) && "exists" }
end

def s3_defaults(client, bucket, prefix, dir)
  objects(client, bucket, prefix)
  presigned(client, bucket, prefix)
  multipart(client, bucket, prefix, dir)
  extras(client, bucket, prefix)
  cleanup(client, bucket, prefix)
end

# PUT through a presigned URL as a browser would: "<status> <Code>".
def presigned_put(url, body, headers)
  uri = URI(url)
  res = Net::HTTP.start(uri.host, uri.port) { |h| h.send_request("PUT", uri.request_uri, body, headers) }
  "#{res.code} #{res.body.to_s[%r{<Code>([^<]*)</Code>}, 1]}".strip
end

# The calls Rails' ActiveStorage::Service::S3Service makes: upload with a
# Content-MD5 (a mismatch is its IntegrityError), direct upload through a
# presigned PUT that signs Content-Type, Content-Length and Content-MD5,
# presigned GET with response-content-* overrides, ranged reads,
# exist?, delete_prefixed.
def active_storage(client, bucket)
  client.create_bucket(bucket: bucket)
  object = Aws::S3::Resource.new(client: client).bucket(bucket).object("blobs/one")
  body = "hello active storage"
  md5 = Digest::MD5.base64digest(body)
  step("rails.upload") { object.put(body: body, content_md5: md5, content_type: "text/plain", metadata: { "identified" => "true" }).etag }
  step("rails.upload-wrong-md5") { object.put(body: body, content_md5: Digest::MD5.base64digest("other")).etag }
  step("rails.upload-invalid-md5") { object.put(body: body, content_md5: "not-an-md5").etag }
  direct_upload_cors(client, bucket)
  direct = Aws::S3::Resource.new(client: client).bucket(bucket).object("blobs/two")
  url = direct.presigned_url(:put, expires_in: 300, content_type: "text/plain", content_length: body.bytesize,
                                   content_md5: md5, whitelist_headers: ["content-length"])
  headers = { "Content-Type" => "text/plain", "Content-MD5" => md5, "Content-Disposition" => 'inline; filename="two.txt"' }
  step("rails.direct-upload") { presigned_put(url, body, headers) }
  step("rails.direct-upload-head") do
    h = direct.client.head_object(bucket: bucket, key: "blobs/two")
    "#{h.content_type} #{h.content_disposition} #{h.content_length}"
  end
  step("rails.direct-upload-other-md5") { presigned_put(url, body, headers.merge("Content-MD5" => Digest::MD5.base64digest("x"))) }
  step("rails.direct-upload-other-type") { presigned_put(url, body, headers.merge("Content-Type" => "image/png")) }
  step("rails.direct-upload-other-body") { presigned_put(url, body.upcase, headers) }
  get = object.presigned_url(:get, expires_in: 300, response_content_disposition: 'attachment; filename="one.txt"',
                                   response_content_type: "application/octet-stream")
  step("rails.url") do
    res = Net::HTTP.get_response(URI(get))
    "#{res.code} #{res['content-type']} #{res['content-disposition']}"
  end
  step("rails.download-chunk") { object.get(range: "bytes=6-11").body.read }
  step("rails.exist") { object.exists? }
  step("rails.delete-prefixed") do
    Aws::S3::Resource.new(client: client).bucket(bucket).objects(prefix: "blobs/").batch_delete!
    client.list_objects_v2(bucket: bucket, prefix: "blobs/").key_count
  end
end

# The CORS rule the Rails guides give for direct uploads, and the browser's
# preflight of such a PUT: from the allowed origin, from another, and
# asking for a header the rule does not allow. "<status> <allowed origin>".
def direct_upload_cors(client, bucket)
  step("rails.put-cors") do
    client.put_bucket_cors(bucket: bucket, cors_configuration: { cors_rules: [{
                             allowed_headers: %w[Content-Type Content-MD5 Content-Disposition], allowed_methods: ["PUT"],
                             allowed_origins: ["https://www.example.com"], max_age_seconds: 3600
                           }] }) && "set"
  end
  preflight = lambda do |origin, headers|
    uri = URI("#{ENDPOINT}/#{bucket}/blobs/two")
    req = Net::HTTP::Options.new(uri)
    req["Origin"] = origin
    req["Access-Control-Request-Method"] = "PUT"
    req["Access-Control-Request-Headers"] = headers
    res = Net::HTTP.start(uri.host, uri.port) { |h| h.request(req) }
    "#{res.code} #{res['access-control-allow-origin']}".strip
  end
  step("rails.preflight") { preflight.call("https://www.example.com", "content-type,content-md5,content-disposition") }
  step("rails.preflight-other-origin") { preflight.call("https://other.example", "content-type") }
  step("rails.preflight-other-header") { preflight.call("https://www.example.com", "x-other") }
end

# A browser's form POST of fields to a presigned POST's URL:
# "<status> <Code>".
def form_post(presigned, body, extra = {})
  uri = URI(presigned.url)
  fields = presigned.fields.merge(extra).map { |k, v| [k, v] }
  fields << ["file", body, { filename: "f.txt", content_type: "text/plain" }]
  req = Net::HTTP::Post.new(uri)
  req.set_form(fields, "multipart/form-data")
  res = Net::HTTP.start(uri.host, uri.port) { |h| h.request(req) }
  "#{res.code} #{res.body.to_s[%r{<Code>([^<]*)</Code>}, 1]}".strip
end

# Aws::S3::PresignedPost, the browser upload of Shrine and CarrierWave
# Direct: a policy with a key prefix, a size range and a content-type
# prefix, each broken once, and an expired policy.
def presigned_posts(client, bucket)
  client.create_bucket(bucket: bucket)
  b = Aws::S3::Resource.new(client: client).bucket(bucket)
  form = b.presigned_post(key: "uploads/${filename}", content_length_range: 1..10, success_action_status: "201",
                          content_type_starts_with: "text/", metadata: { "color" => "blue" })
  text = { "Content-Type" => "text/plain" }
  step("post.upload") { form_post(form, "small", text) }
  step("post.stored") do
    h = client.head_object(bucket: bucket, key: "uploads/f.txt")
    "#{h.content_length} #{h.content_type} #{h.metadata}"
  end
  step("post.too-large") { form_post(form, "x" * 11, text) }
  step("post.other-type") { form_post(form, "small", "Content-Type" => "image/png") }
  step("post.other-key") { form_post(form, "small", text.merge("key" => "elsewhere/x")) }
  expired = b.presigned_post(key: "late", signature_expiration: Time.now - 60)
  step("post.expired") { form_post(expired, "x") }
end

# Conditional and ranged GETs, and a versioned bucket emptied by
# Bucket#delete! (versions and delete markers, then the bucket).
def conditions_and_versions(client, bucket)
  client.create_bucket(bucket: bucket)
  etag = client.put_object(bucket: bucket, key: "k", body: "0123456789").etag
  step("cond.if-none-match") { client.get_object(bucket: bucket, key: "k", if_none_match: etag).body.read }
  step("cond.if-match-other") { client.get_object(bucket: bucket, key: "k", if_match: '"0"').body.read }
  step("cond.if-match") { client.get_object(bucket: bucket, key: "k", if_match: etag).body.read }
  step("cond.head-if-none-match") { client.head_object(bucket: bucket, key: "k", if_none_match: etag).etag }
  step("cond.range-past-end") { client.get_object(bucket: bucket, key: "k", range: "bytes=100-200").body.read }
  step("cond.range-suffix") { client.get_object(bucket: bucket, key: "k", range: "bytes=-3").body.read }
  step("versions.enable") { client.put_bucket_versioning(bucket: bucket, versioning_configuration: { status: "Enabled" }) && "enabled" }
  first = client.put_object(bucket: bucket, key: "v", body: "one").version_id
  client.put_object(bucket: bucket, key: "v", body: "two")
  step("versions.delete") { client.delete_object(bucket: bucket, key: "v").delete_marker }
  step("versions.get-deleted") { client.get_object(bucket: bucket, key: "v").body.read }
  step("versions.get-first") { client.get_object(bucket: bucket, key: "v", version_id: first).body.read }
  step("versions.list") do
    out = client.list_object_versions(bucket: bucket, prefix: "v")
    "versions=#{out.versions.size} markers=#{out.delete_markers.size}"
  end
  step("versions.bucket-delete!") { Aws::S3::Resource.new(client: client).bucket(bucket).delete! && "deleted" }
  step("versions.bucket-gone") { client.head_bucket(bucket: bucket) && "exists" }
end

# The default credential chain from the shared files `fakeaws profile`
# wrote (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE): the default profile
# is merlin's key, odin-s3 assumes Odin's role through role_arn and
# source_profile. This SDK version reads neither the files' endpoint_url
# and services section nor AWS_ENDPOINT_URL, so the endpoint is set for
# every client (and the chain's own STS client) with Aws.config.
def shared_profiles
  Aws.config.update(endpoint: ENDPOINT)
  step("profile.default") { Aws::STS::Client.new.get_caller_identity.arn }
  step("profile.role-identity") { Aws::STS::Client.new(profile: "odin-s3").get_caller_identity.arn }
  step("profile.role-get") do
    Aws::S3::Client.new(profile: "odin-s3", force_path_style: true).get_object(bucket: "odin-bucket", key: "hello.txt").body.read.dump
  end
end

# Outside us-east-1 a second CreateBucket by the owner is
# BucketAlreadyOwnedByYou (us-east-1 answers 200 for legacy reasons).
def owned_elsewhere
  eu = s3(root(ODIN), region: "eu-west-1")
  config = { location_constraint: "eu-west-1" }
  step("region.create-bucket") { eu.create_bucket(bucket: "ruby-eu", create_bucket_configuration: config).location }
  step("region.create-bucket-again") { eu.create_bucket(bucket: "ruby-eu", create_bucket_configuration: config).location }
  step("region.create-bucket-again-class") do
    eu.create_bucket(bucket: "ruby-eu", create_bucket_configuration: config)
  rescue Aws::S3::Errors::BucketAlreadyOwnedByYou => e
    e.class.name
  end
  step("region.location") { eu.get_bucket_location(bucket: "ruby-eu").location_constraint }
end

Dir.mktmpdir("fakeaws-ruby") do |dir|
  seed_cross_account
  bad_credentials
  s3_defaults(s3(root(ODIN)), "ruby-path", "path", dir)
  vhost = s3(root(ODIN), endpoint: "http://localhost:#{PORT}", force_path_style: false)
  s3_defaults(vhost, "ruby-vhost", "vhost", dir)
  active_storage(s3(root(ODIN)), "ruby-rails")
  presigned_posts(s3(root(ODIN)), "ruby-posts")
  conditions_and_versions(s3(root(ODIN)), "ruby-versions")
  owned_elsewhere
  shared_profiles
end
puts "DONE"
