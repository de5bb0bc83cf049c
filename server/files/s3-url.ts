// Server: what --files-s3-url may say. Two forms:
//   http(s)://ACCESS:SECRET@host:port/bucket?region=R  an S3-compatible service (MinIO, Ceph, …) at
//                                                      that endpoint; without ACCESS:SECRET the
//                                                      SDK's default credentials are used
//   s3://bucket?region=R                               AWS S3 itself, with the SDK's default
//                                                      credentials (environment, ~/.aws, instance role)
// The region defaults to us-east-1 (what MinIO expects). Objects are addressed path-style.

export interface S3Location {
  bucket: string;
  region: string;
  /** http(s)://host:port; none for AWS itself. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export class BadS3Url extends Error {}

const bucketShape = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseS3Url(raw: string): S3Location {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadS3Url('--files-s3-url is not a URL');
  }
  const region = url.searchParams.get('region') ?? 'us-east-1';
  if (url.protocol === 's3:') {
    const bucket = url.hostname;
    if (url.pathname !== '' && url.pathname !== '/') throw new BadS3Url('--files-s3-url: s3://bucket takes no path');
    return { bucket: checkBucket(bucket), region };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BadS3Url('--files-s3-url must be s3://bucket or http(s)://host/bucket');
  }
  const bucket = url.pathname.replace(/^\/|\/$/g, '');
  const location: S3Location = { bucket: checkBucket(bucket), region, endpoint: `${url.protocol}//${url.host}` };
  if (url.username || url.password) {
    if (!url.username || !url.password) throw new BadS3Url('--files-s3-url needs both ACCESS and SECRET, or neither');
    location.credentials = {
      accessKeyId: decodeURIComponent(url.username),
      secretAccessKey: decodeURIComponent(url.password),
    };
  }
  return location;
}

function checkBucket(bucket: string): string {
  if (!bucketShape.test(bucket)) throw new BadS3Url(`--files-s3-url: "${bucket}" is not a bucket name`);
  return bucket;
}

/** Where the files are, for the log: never the secret. */
export function describeS3(location: S3Location): string {
  return `S3 bucket ${location.bucket} at ${location.endpoint ?? `AWS (${location.region})`}`;
}
