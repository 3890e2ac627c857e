import type { AfterResponseMiddleware, BeforeRequestMiddleware, HttpResponse, ZObject } from 'zapier-platform-core';
import { apiBaseUrl } from './config';
import { mapGhlError } from './errors';

/** Bearer auth and JSON headers on calls to HighLevel's API (not on the token endpoint, which takes a form). */
export const addHighLevelHeaders: BeforeRequestMiddleware = (request, _z, bundle) => {
  if (!request.url.startsWith(apiBaseUrl() + '/') || request.url.startsWith(apiBaseUrl() + '/oauth/')) return request;
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  const token = bundle.authData?.access_token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (request.body !== undefined && typeof request.body === 'object' && !Buffer.isBuffer(request.body)) {
    headers['Content-Type'] = 'application/json';
  }
  request.headers = headers;
  return request;
};

const actionOf = (response: HttpResponse): string => {
  const data = response.request.middlewareData;
  return typeof data?.action === 'string' ? data.action : 'the request';
};

/** Turns an error answer into the Zapier error a user can act on. Used by the middleware and by `ghl()`. */
export const throwForHighLevelError = (z: ZObject, response: HttpResponse): void => {
  if (response.status < 400) return;
  const mapped = mapGhlError({
    status: response.status,
    body: response.data ?? response.content,
    action: actionOf(response),
    header: (name) => response.getHeader(name) ?? undefined,
  });
  switch (mapped.kind) {
    case 'halt':
      throw new z.errors.HaltedError(mapped.message);
    case 'throttle':
      throw new z.errors.ThrottledError(mapped.message, mapped.delaySeconds);
    default:
      throw new z.errors.Error(mapped.message, `http_${response.status}`, response.status);
  }
};

export const mapHighLevelErrors: AfterResponseMiddleware = (response, z) => {
  if (!response.skipThrowForStatus) throwForHighLevelError(z, response);
  return response;
};
