import http from 'node:http';
import https from 'node:https';

/** Counts outgoing HTTP(S) requests of this process (the app's calls to HighLevel, sandbox or live). */
let count = 0;
let installed = false;

export const installHttpCounter = (): void => {
  if (installed) return;
  installed = true;
  for (const mod of [http, https]) {
    const original = mod.request.bind(mod) as typeof http.request;
    (mod as { request: typeof http.request }).request = ((...args: Parameters<typeof http.request>) => {
      count += 1;
      return original(...args);
    }) as typeof http.request;
  }
};

export const httpCalls = (): number => count;
