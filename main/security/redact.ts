/**
 * Text that leaves main (an IPC answer, an event, a log line, the CLI's stderr, a run's files)
 * and may quote AWS or the SDK passes through here first. AWS error messages quote the request
 * they refuse: InvalidSignatureException prints the canonical request with its
 * `x-amz-security-token` header, and SDK errors can carry the Authorization header.
 */
const REDACTED = '[redacted]';

type Rule = [RegExp, string | ((...groups: string[]) => string)];

/** Credentials recognised by the header, query or field that names them: safe on any text. */
const namedRules: Rule[] = [
  // Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…
  [/AWS4-HMAC-SHA256[^\n'"]*/g, `AWS4-HMAC-SHA256 ${REDACTED}`],
  // x-amz-security-token: … (a header, a canonical-request line) and X-Amz-Security-Token=… (a query)
  [/(x-amz-security-token\s*[:=]\s*)[^\s&'",;]+/gi, (_m, name) => `${name}${REDACTED}`],
  [/((?:x-amz-)?signature\s*[:=]\s*)[0-9a-f]{16,}/gi, (_m, name) => `${name}${REDACTED}`],
  [/((?:x-amz-)?credential\s*[:=]\s*)[^\s&'",;]+/gi, (_m, name) => `${name}${REDACTED}`],
  // Authorization: Bearer … or Basic … (a schema registry's header, should a library quote it back).
  [/(authorization["']?\s*[:=]\s*["']?(?:bearer|basic)\s+)[^\s"',;&]+/gi, (_m, name) => `${name}${REDACTED}`],
  // "registrySecret": "…": a schema registry's password or token, as a save carries it.
  [/(registry_?secret["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, (_m, name) => `${name}${REDACTED}`],
  // "secretAccessKey": "…", aws_session_token = … and the like, as JSON or ini.
  [
    /((?:secret_?access_?key|session_?token|aws_session_token|aws_secret_access_key)["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
    (_m, name) => `${name}${REDACTED}`,
  ],
];

/**
 * Credentials recognised by their shape alone. Only for message text: on data they would also
 * take pagination tokens, 40-character stream names and record payloads.
 */
const shapeRules: Rule[] = [
  // A session token on its own: hundreds of base64 characters (STS tokens start FwoG/IQo).
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{100,}={0,2}(?![A-Za-z0-9/+=])/g, REDACTED],
  // A secret access key on its own: 40 base64 characters with at least one letter and one digit.
  [/(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[0-9])(?=[A-Za-z0-9/+]{0,39}[A-Za-z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, REDACTED],
];

function apply(rules: Rule[], text: string): string {
  let out = text;
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement as string);
  return out;
}

/** For message text (an error, a stop reason, a diagnosis): every rule. */
export function redactSecrets(text: string): string {
  return apply(shapeRules, apply(namedRules, text));
}

/**
 * A word every named rule needs: one pass over text that has none (ids, times, names: nearly all
 * text main sends, thousands of strings a second in a live preview) instead of one per rule.
 */
const NAMED_RULE_WORDS = /AWS4-HMAC-SHA256|security-token|signature|credential|secret|session/i;

/** For any other text that leaves main (names, tags, tokens): only credentials a header or field names. */
export function redactNamedSecrets(text: string): string {
  return NAMED_RULE_WORDS.test(text) ? apply(namedRules, text) : text;
}

/** An error as a log line: its name, message and stack (which repeats the message), redacted. */
export function describeForLog(error: unknown): string {
  if (error instanceof Error) return redactSecrets(error.stack ?? `${error.name}: ${error.message}`);
  return redactSecrets(String(error));
}
