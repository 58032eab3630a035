// Routes the fuzzer leaves out, each with its reason. Every other route with a body or a query schema is fuzzed;
// a route on neither list fails the coverage test in fuzz.test.ts.

export const FUZZ_EXCLUDED: Record<string, string> = {
  'POST /logout': 'no input; ends the fuzzing actor’s own session',
  'POST /account/logout-everywhere': 'no input; ends every session of the fuzzing actor',
};

/**
 * Tables a refused (4xx) request may legitimately write, and why. Anything else written by a 4xx answer fails.
 * `auth_sessions`: the sliding expiry of the caller's session (at most every five minutes).
 * `api_tokens`: "last used" of the caller's token (at most once a minute).
 * `audit_log`: refusals that are security events (failed sign-in, denied reveal) are audited on purpose.
 * `login_attempts`: the rate limiter counts failed attempts.
 */
export const WRITES_ALLOWED_ON_REFUSAL: Record<string, string> = {
  auth_sessions: 'sliding session expiry',
  api_tokens: 'last used time of the bearer token',
  audit_log: 'refusals that are security events are audited',
  login_attempts: 'rate limiting counts failures',
  rate_limits: 'rate limiting counts requests, refused ones included',
};

/** Per route: tables a refused request to that route may write, and why (on top of the list above). */
export const ROUTE_WRITES_ALLOWED_ON_REFUSAL: Record<string, Record<string, string>> = {
  'POST /account/totp': {
    user_totp: 'the re-shown enrolment page stores the pending (unconfirmed) secret that its QR code shows',
  },
};
