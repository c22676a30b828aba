// JSON over HTTP with the session cookie. State-changing requests send the CSRF token the
// server set in the readable `kelisim_csrf` cookie (named `__Host-kelisim_csrf` behind https,
// odr/auth/cookies.py). Errors carry the server's stable `code`, which pages say in the reader's
// language (refusals.js), its English `message`, and for a "not now" (429, 503) the seconds to wait.

// Retry-After in seconds: a number of seconds or an HTTP date (RFC 9110); null without one.
function secondsToWait(response) {
  const value = response.headers.get("Retry-After")?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

export class ApiError extends Error {
  constructor(status, body, retryAfter = null) {
    const error = body?.error || {};
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || "network";
    this.fields = error.fields || [];
    this.retryAfter = retryAfter; // seconds, or null
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)(?:__Host-)?kelisim_csrf=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { error: { code: "network", message: "" } });
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data, secondsToWait(response));
  return data;
}

// A file as the raw request body (public verification of a PDF): same errors as api().
export async function sendFile(path, file, type) {
  let response;
  try {
    response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      body: file,
      headers: { Accept: "application/json", "Content-Type": type, "X-CSRF-Token": csrfToken() },
    });
  } catch {
    throw new ApiError(0, { error: { code: "network", message: "" } });
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data, secondsToWait(response));
  return data;
}
