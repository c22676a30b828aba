// Who is logged in (null when nobody), loaded once and refreshed after log in / log out.
// Callers that ask while the answer is on its way share that one request.
import { api, ApiError } from "./api.js";

let user;
let asking = null;

async function ask() {
  let found;
  try {
    found = (await api("GET", "/api/auth/session")).user;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    found = null;
  }
  if (user === undefined) user = found; // unless set meanwhile (logged in or out)
  return user;
}

export async function currentUser() {
  if (user !== undefined) return user;
  asking ??= ask().finally(() => {
    asking = null;
  });
  return asking;
}

export function setUser(value) {
  user = value;
}
