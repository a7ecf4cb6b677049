/**
 * Naming rules of the systems an ML project's values end up in. Each returns
 * `undefined` when the value is fine, or what is wrong with it.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Kubernetes DNS-1123 label: namespaces, resource names, most label values.
 *
 * @public
 */
export function checkDns1123Label(value: string): string | undefined {
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.length > 63) {
    return `must be at most 63 characters (got ${value.length})`;
  }
  if (!DNS1123_LABEL.test(value)) {
    return 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';
  }
  return undefined;
}

/**
 * DNS-1123 subdomain (a host name such as `mlflow.example.com`).
 *
 * @public
 */
export function checkDns1123Subdomain(value: string): string | undefined {
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.length > 253) {
    return `must be at most 253 characters (got ${value.length})`;
  }
  const bad = value.split('.').find(label => checkDns1123Label(label));
  if (bad !== undefined) {
    return `must be a host name of dot-separated DNS-1123 labels ("${bad}" is not one)`;
  }
  return undefined;
}

const BUCKET_FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const BUCKET_FORBIDDEN_SUFFIXES = [
  '-s3alias',
  '--ol-s3',
  '.mrap',
  '--x-s3',
  '--table-s3',
];

/**
 * Amazon S3 general purpose bucket naming rules (MinIO enforces the same).
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 *
 * @public
 */
export function checkS3BucketName(value: string): string | undefined {
  if (value.length < 3 || value.length > 63) {
    return `must be 3 to 63 characters long (got ${value.length})`;
  }
  if (!/^[a-z0-9.-]+$/.test(value)) {
    return 'may contain only lowercase letters, digits, "." and "-"';
  }
  if (!/^[a-z0-9]/.test(value) || !/[a-z0-9]$/.test(value)) {
    return 'must begin and end with a lowercase letter or digit';
  }
  if (value.includes('..')) {
    return 'must not contain two adjacent periods';
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) {
    return 'must not be formatted as an IP address';
  }
  const prefix = BUCKET_FORBIDDEN_PREFIXES.find(p => value.startsWith(p));
  if (prefix) {
    return `must not start with the reserved prefix "${prefix}"`;
  }
  const suffix = BUCKET_FORBIDDEN_SUFFIXES.find(s => value.endsWith(s));
  if (suffix) {
    return `must not end with the reserved suffix "${suffix}"`;
  }
  return undefined;
}

const ENTITY_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;

/**
 * A catalog entity reference in any of its short forms: `name`,
 * `kind:name`, `namespace/name` or `kind:namespace/name`.
 *
 * @public
 */
export function checkEntityRef(value: string): string | undefined {
  const match = /^(?:([A-Za-z][A-Za-z0-9]*):)?(?:([a-z0-9-]+)\/)?(.+)$/.exec(
    value,
  );
  if (!match || !ENTITY_NAME.test(match[3])) {
    return 'must be an entity reference such as "group:default/ml-team"';
  }
  return undefined;
}
