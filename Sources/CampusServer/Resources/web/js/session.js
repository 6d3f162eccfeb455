// Whether this browser holds a session. The cookies are HttpOnly, so the page keeps only a hint: with it the
// page asks /users/me; without it the page never asks (an anonymous visitor sees no failed request).
import { get, post } from "./api.js";

const HINT = "campus.signed-in";
let current = null;

export async function me() {
  if (current) return current;
  if (!localStorage.getItem(HINT)) return null;
  try {
    current = await get("/users/me");
  } catch {
    localStorage.removeItem(HINT);
    current = null;
  }
  return current;
}

export function signedIn(user) {
  localStorage.setItem(HINT, "1");
  current = user;
}

export async function signOut() {
  try { await post("/auth/logout", {}); } catch { /* the session is gone either way */ }
  localStorage.removeItem(HINT);
  current = null;
}
