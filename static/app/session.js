// Who is logged in (null when nobody), loaded once and refreshed after log in / log out.
import { api, ApiError } from "./api.js";

let user;

export async function currentUser() {
  if (user !== undefined) return user;
  try {
    user = (await api("GET", "/api/auth/session")).user;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    user = null;
  }
  return user;
}

export function setUser(value) {
  user = value;
}
