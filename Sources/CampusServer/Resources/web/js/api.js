// Every page reads and writes through the public JSON API, as any other client: same-origin fetches carry
// the HttpOnly session cookies, and an expired access token is renewed once through /auth/refresh.
import { language } from "./i18n.js";

export class Problem extends Error {
  constructor(status, body) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.status = status;
    this.slug = (body.type || "").split("/").pop();
    this.fields = body.errors || [];
  }
}

async function send(method, path, body, extra = {}) {
  const headers = { "accept-language": language(), ...extra };
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch("/api/v1" + path, {
    method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function api(method, path, body, headers = {}) {
  let response = await send(method, path, body, headers);
  if (response.status === 401 && !path.startsWith("/auth/")) {
    const refreshed = await send("POST", "/auth/refresh", {});
    if (refreshed.ok) response = await send(method, path, body, headers);
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Problem(response.status, data || {});
  return data;
}

export const get = (path) => api("GET", path);
export const post = (path, body = {}, headers = {}) => api("POST", path, body, headers);
export const put = (path, body) => api("PUT", path, body);
export const patch = (path, body) => api("PATCH", path, body);
