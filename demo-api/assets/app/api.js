// Calls to the API from the pages: JSON in, the API's own error message out.

/** An API answer that was not 2xx: status, the API's error code and message. */
export class ApiFailure extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * The API's {"error": {code, message}} of a failed response, or a message
 * naming the status when the body is something else (a proxy's page).
 * @param {Response} response
 * @returns {Promise<ApiFailure>}
 */
async function failureOf(response) {
  const text = await response.text();
  try {
    const { error } = JSON.parse(text);
    if (error && typeof error.message === 'string') {
      return new ApiFailure(response.status, String(error.code), error.message);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiFailure(response.status, 'HTTP_' + response.status, `the server answered ${response.status}`);
}

/**
 * Fetch JSON from the API; throws ApiFailure on a non-2xx answer.
 * @param {string} url
 * @param {RequestInit} [init]
 */
export async function fetchJson(url, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  const response = await fetch(url, { ...init, headers });
  if (!response.ok) throw await failureOf(response);
  return response.json();
}

/**
 * A message for a person, from whatever a call threw.
 * @param {unknown} err
 */
export function messageOf(err) {
  if (err instanceof ApiFailure) return `${err.message} (${err.code})`;
  if (err instanceof TypeError) return 'The API could not be reached; is the server running?';
  return err instanceof Error ? err.message : String(err);
}
