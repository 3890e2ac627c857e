/**
 * Validates HTTP traffic against HighLevel's official OpenAPI specs (docs/highlevel-api.md; files in GHL_OPENAPI_DIR, e.g.
 * ../shared/ghl-api/openapi beside the checkout with apps/*.json and common/). Specs are read by path, nothing is copied.
 *
 *   const contract = await loadOpenApiContract(dir);
 *   contract.validateLogEntry(sandbox.requests[0])   // the app's request and the sandbox's answer
 *
 * Findings the specs are known to get wrong are filtered by KNOWN_SPEC_GAPS (one table, each with its reason).
 *
 * Jest only: openapi-backend loads @apidevtools/json-schema-ref-parser, which is ESM-only (v16) and cannot be
 * required under Jest's CommonJS runtime. The module is therefore replaced below by a small resolver that does
 * what openapi-backend needs from it: read a spec by path and dereference local and relative-file `$ref`s
 * (`../common/common-schemas.json#/components/schemas/...`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { OpenAPIBackend } from 'openapi-backend';
import type { Operation } from 'openapi-backend';
import type { RequestLogEntry } from '../../sandbox';

jest.mock('@apidevtools/json-schema-ref-parser', () => {
  const api = {
    parse: (input: unknown) => mockParse(input),
    dereference: (input: unknown) => mockDereference(input),
    resolve: (input: unknown) => mockParse(input),
  };
  return { __esModule: true, default: api, ...api };
});

const mockFiles = new Map<string, unknown>();

function mockReadJson(file: string): unknown {
  let doc = mockFiles.get(file);
  if (doc === undefined) {
    doc = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    mockFiles.set(file, doc);
  }
  return doc;
}

function mockParse(input: unknown): Promise<unknown> {
  return Promise.resolve(typeof input === 'string' ? mockReadJson(path.resolve(input)) : input);
}

function mockPointer(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(key in node)) throw new Error(`unresolvable $ref pointer ${pointer}`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function mockDeref(node: unknown, file: string, memo: Map<string, Record<string, unknown>>): unknown {
  if (Array.isArray(node)) return node.map((item) => mockDeref(item, file, memo));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string') {
    const [target = '', pointer = ''] = record.$ref.split('#');
    const targetFile = target === '' ? file : path.resolve(path.dirname(file), target);
    const key = `${targetFile}#${pointer}`;
    const known = memo.get(key);
    if (known) return known;
    // Register before descending so recursive schemas resolve to the same (circular) object.
    const out: Record<string, unknown> = {};
    memo.set(key, out);
    Object.assign(out, mockDeref(mockPointer(mockReadJson(targetFile), pointer), targetFile, memo));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    // forms.json EventDataSchema.contactSessionIds is `{nullable: true, allOf: [...]}`: OpenAPI 3.0 defines
    // `nullable` only beside `type`, and ajv refuses to compile it otherwise. Dropped there (null then fails, as the
    // type-less schema gives it no meaning); everywhere else `nullable` stays.
    if (k === 'nullable' && !('type' in record)) continue;
    out[k] = mockDeref(v, file, memo);
  }
  return out;
}

function mockDereference(input: unknown): Promise<unknown> {
  if (typeof input !== 'string') return Promise.resolve(mockDeref(input, path.resolve('inline.json'), new Map()));
  const file = path.resolve(input);
  return Promise.resolve(mockDeref(mockReadJson(file), file, new Map()));
}

export const SPEC_FILES = [
  'contacts',
  'calendars',
  'locations',
  'users',
  'businesses',
  'oauth',
  'custom-fields',
  'opportunities',
  'workflows',
  'campaigns',
  'forms',
] as const;

/** Where the specs live, or undefined when the contract checks should be skipped. */
/** The folder of the official specs: GHL_OPENAPI_DIR, else ../shared/ghl-api/openapi beside the checkout (as in CI). */
export function openApiDir(): string | undefined {
  const dir = process.env.GHL_OPENAPI_DIR;
  if (dir && dir.trim() !== '') return dir;
  const beside = path.join(__dirname, '..', '..', '..', 'shared', 'ghl-api', 'openapi');
  return fs.existsSync(path.join(beside, 'apps')) ? beside : undefined;
}

/** Why the contract tests did not run, in the name of the skipped suite (so a skip never goes unexplained). */
export const CONTRACT_SKIPPED = 'skipped: the official OpenAPI specs were not found (set GHL_OPENAPI_DIR, or keep shared/ghl-api/openapi beside the checkout)';

export type Direction = 'request' | 'response';

export interface SpecGap {
  /** Short stable name, referenced by tests that check every gap is still needed. */
  id: string;
  direction: Direction;
  /** Operation ids the gap applies to (exact ids from the spec). */
  operations: readonly string[];
  /** Only for this HTTP status (responses). */
  status?: number;
  /** Matches the issue's instancePath (e.g. `/contact/customFields/0/value`); '' for whole-message issues. */
  instancePath: RegExp;
  /** ajv keyword (`type`, `oneOf`, `required`, ...) or `status` for an undeclared status code. */
  keyword?: string;
  reason: string;
}

const CONTACT_READS = [
  'get-contact',
  'update-contact',
  'upsert-contact',
  'create-contact',
  'get-contacts',
  'get-contacts-by-businessId',
  'get-duplicate-contact',
];
const CONTACT_WRITES = ['create-contact', 'update-contact', 'upsert-contact'];

/**
 * Where the official v2 specs disagree with HighLevel's real behaviour (as written down in docs/highlevel-api.md), and so
 * with the sandbox. Everything not listed here must validate.
 */
export const KNOWN_SPEC_GAPS: readonly SpecGap[] = [
  {
    id: 'contact-date-of-birth-type',
    direction: 'request',
    operations: CONTACT_WRITES,
    instancePath: /^\/requestBody\/dateOfBirth$/,
    keyword: 'type',
    reason:
      'The contact DTOs type dateOfBirth as `object` while describing it as a date string in formats such as ' +
      'YYYY-MM-DD and giving "1990-09-25" as the example; docs/highlevel-api.md §6.1 and HighLevel accept the string.',
  },
  {
    id: 'contact-custom-field-value-types',
    direction: 'response',
    operations: CONTACT_READS,
    instancePath: /\/customFields\/\d+\/value$/,
    keyword: 'type',
    reason:
      'CustomFieldSchema types `value` as string, but numeric/monetary fields read back as numbers and checkbox / ' +
      'multi-select / textbox-list fields as string arrays (the write variants in the same spec type them so, §6.1).',
  },
  {
    id: 'custom-field-write-oneof',
    direction: 'request',
    operations: CONTACT_WRITES,
    instancePath: /^\/requestBody\/customFields\/\d+/,
    reason:
      'customFields items are a oneOf of variants with identical shapes (TextField, LargeTextField, SingleSelectField, ' +
      'RadioField are all {id, key, field_value: string}), so a valid item matches several and fails "exactly one"; ' +
      'each variant also requires `id` although §6.1 allows `key` instead.',
  },
  {
    id: 'free-slots-trace-id',
    direction: 'response',
    operations: ['get-slots'],
    instancePath: /^\/traceId$/,
    reason:
      'The free-slots map is typed additionalProperties: SlotsSchema, but real answers carry a top-level string ' +
      '`traceId` next to the date keys (§6.5: "ignore non-date keys such as traceId").',
  },
  {
    id: 'calendar-event-times',
    direction: 'response',
    operations: ['get-appointment', 'get-calendar-events'],
    instancePath: /\/(startTime|endTime|dateAdded|dateUpdated)$/,
    keyword: 'type',
    reason: 'CalendarEventDTO types startTime, endTime, dateAdded and dateUpdated as objects; real events carry ISO-8601 ' + 'strings (§1 Timestamps, §7).',
  },
  {
    id: 'task-search-items',
    direction: 'response',
    operations: ['task-search'],
    instancePath: /^\/tasks\/\d+$/,
    keyword: 'type',
    reason: 'LocationTaskListSuccessfulResponseDto declares `tasks` as an array of arrays; items are task objects (§6.2).',
  },
  {
    id: 'pipeline-stage-items',
    direction: 'response',
    operations: ['get-pipelines'],
    instancePath: /^\/pipelines\/\d+\/stages\/\d+$/,
    keyword: 'type',
    reason:
      'PipelinesResponseSchema types `stages` as an array of arrays; each stage is an object with id and name ' +
      '(docs/highlevel-api.md §6.10, [community: n8n HighLevel v2 getPipelineStages]).',
  },
  {
    id: 'opportunity-search-follower-items',
    direction: 'response',
    operations: ['search-opportunity'],
    instancePath: /^\/opportunities\/\d+\/followers\/\d+$/,
    keyword: 'type',
    reason:
      'SearchOpportunitiesResponseSchema types `followers` as an array of arrays (as it does `stages`); followers are ids, ' +
      'typed string[] by every other opportunity schema (FollowersDTO, the followers routes, UpsertOpportunityDto).',
  },
  {
    id: 'opportunity-search-custom-values',
    direction: 'response',
    operations: ['search-opportunity'],
    instancePath: /^\/opportunities\/\d+\/customFields\/\d+$/,
    keyword: 'required',
    reason:
      'CustomFieldResponseSchema requires `fieldValue`, but real search answers carry `{id, type, fieldValueString}` ' +
      '[issue #87]; the sandbox answers search items that way (docs/highlevel-api.md §14.8).',
  },
  {
    id: 'not-found-undeclared',
    direction: 'response',
    operations: ['*'],
    status: 404,
    instancePath: /^$/,
    keyword: 'status',
    reason: 'No v2 operation declares 404, yet missing objects and unknown routes answer 404 (docs/highlevel-api.md §2).',
  },
  {
    id: 'forbidden-undeclared',
    direction: 'response',
    operations: ['*'],
    status: 403,
    instancePath: /^$/,
    keyword: 'status',
    reason: 'Few operations declare 403, yet a token used on another location answers 403 (docs/highlevel-api.md §2, §11.3).',
  },
  {
    id: 'too-many-requests-undeclared',
    direction: 'response',
    operations: ['*'],
    status: 429,
    instancePath: /^$/,
    keyword: 'status',
    reason: 'No operation declares 429, yet every route is rate limited (docs/highlevel-api.md §3).',
  },
  {
    id: 'unprocessable-undeclared',
    direction: 'response',
    operations: ['*'],
    status: 422,
    instancePath: /^$/,
    keyword: 'status',
    reason:
      'Several operations (e.g. free slots, calendars list, tasks list, contact search) omit 422 although ' +
      'validation errors answer 422 there too (docs/highlevel-api.md §2, §11.2, §11.9).',
  },
];

export interface ValidationIssue {
  direction: Direction;
  operationId: string;
  status?: number;
  instancePath: string;
  keyword: string;
  message: string;
}

export interface ValidationReport {
  /** undefined when no spec operation matches (then `issues` holds one `route` issue). */
  operationId?: string;
  /** Issues not explained by a known gap. Empty means valid. */
  issues: ValidationIssue[];
  /** Issues explained by a known gap, with the gap. */
  ignored: { issue: ValidationIssue; gap: SpecGap }[];
}

export interface HttpRequestLike {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Candidate {
  api: OpenAPIBackend;
  operation: Operation;
  segments: string[];
  staticCount: number;
}

function segmentsOf(p: string): string[] {
  return p.split('/').filter((s) => s !== '');
}

function gapMatches(gap: SpecGap, issue: ValidationIssue): boolean {
  if (gap.direction !== issue.direction) return false;
  if (!gap.operations.includes('*') && !gap.operations.includes(issue.operationId)) return false;
  if (gap.status !== undefined && gap.status !== issue.status) return false;
  if (gap.keyword !== undefined && gap.keyword !== issue.keyword) return false;
  return gap.instancePath.test(issue.instancePath);
}

interface AjvLikeError {
  instancePath?: unknown;
  keyword?: unknown;
  message?: unknown;
}

function toIssues(errors: readonly unknown[] | null | undefined, base: Omit<ValidationIssue, 'instancePath' | 'keyword' | 'message'>): ValidationIssue[] {
  return (errors ?? []).map((raw) => {
    const e = (typeof raw === 'object' && raw !== null ? raw : {}) as AjvLikeError;
    return {
      ...base,
      instancePath: typeof e.instancePath === 'string' ? e.instancePath : '',
      keyword: typeof e.keyword === 'string' ? e.keyword : 'unknown',
      message: typeof e.message === 'string' ? e.message : JSON.stringify(raw),
    };
  });
}

/** The only `format` the v2 specs use. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export class OpenApiContract {
  private constructor(
    private readonly candidates: Candidate[],
    readonly gaps: readonly SpecGap[],
  ) {}

  static async load(dir: string, gaps: readonly SpecGap[] = KNOWN_SPEC_GAPS): Promise<OpenApiContract> {
    const apis = await Promise.all(
      SPEC_FILES.map(async (name) => {
        // quick: skip the (slow) meta-validation of the spec documents; validators compile lazily.
        const api = new OpenAPIBackend({
          definition: path.join(dir, 'apps', `${name}.json`),
          quick: true,
          strict: true,
          // allErrors: report every issue, so a known gap never hides a real one behind it.
          ajvOpts: { allErrors: true },
          customizeAjv: (ajv) => ajv.addFormat('date-time', ISO_DATE_TIME),
        });
        await api.init();
        return api;
      }),
    );
    const candidates: Candidate[] = [];
    for (const api of apis) {
      for (const operation of api.getOperations()) {
        const segments = segmentsOf(operation.path);
        candidates.push({ api, operation, segments, staticCount: segments.filter((s) => !s.startsWith('{')).length });
      }
    }
    return new OpenApiContract(candidates, gaps);
  }

  /**
   * Finds the spec operation for a request. Done here rather than by openapi-backend's router because that router
   * strips the trailing slash from the request but not from spec paths such as `/contacts/`.
   */
  match(method: string, requestPath: string): { api: OpenAPIBackend; operation: Operation } | undefined {
    const parts = segmentsOf(requestPath);
    let best: Candidate | undefined;
    for (const c of this.candidates) {
      if (c.operation.method.toUpperCase() !== method.toUpperCase() || c.segments.length !== parts.length) continue;
      const ok = c.segments.every((seg, i) => seg.startsWith('{') || seg === parts[i]);
      if (ok && (!best || c.staticCount > best.staticCount)) best = c;
    }
    return best ? { api: best.api, operation: best.operation } : undefined;
  }

  private finish(operationId: string | undefined, issues: ValidationIssue[]): ValidationReport {
    const report: ValidationReport = { operationId, issues: [], ignored: [] };
    for (const issue of issues) {
      const gap = this.gaps.find((g) => gapMatches(g, issue));
      if (gap) report.ignored.push({ issue, gap });
      else report.issues.push(issue);
    }
    return report;
  }

  private noRoute(direction: Direction, method: string, requestPath: string): ValidationReport {
    return {
      issues: [
        {
          direction,
          operationId: '(none)',
          instancePath: '',
          keyword: 'route',
          message: `no operation in the specs for ${method} ${requestPath}`,
        },
      ],
      ignored: [],
    };
  }

  /** Validates a response body against the operation's schema for `status` (and that `status` is declared). */
  validateResponse(method: string, requestPath: string, status: number, body: unknown): ValidationReport {
    const found = this.match(method, requestPath);
    if (!found) return this.noRoute('response', method, requestPath);
    const operationId = found.operation.operationId ?? '(no id)';
    const declared = Object.keys(found.operation.responses ?? {});
    const base = { direction: 'response' as const, operationId, status };
    const issues: ValidationIssue[] = [];
    const statusDeclared = declared.some((code) => code === String(status) || code === `${String(status)[0]}XX` || code === 'default');
    if (!statusDeclared) {
      issues.push({ ...base, instancePath: '', keyword: 'status', message: `status ${status} is not declared (declared: ${declared.join(', ')})` });
    } else {
      const result = found.api.validateResponse(body, found.operation, status);
      issues.push(...toIssues(result.errors, base));
    }
    return this.finish(operationId, issues);
  }

  /** Validates a request (method, path, query, headers incl. Version, body) against the spec. */
  validateRequest(req: HttpRequestLike): ValidationReport {
    const found = this.match(req.method, req.path);
    if (!found) return this.noRoute('request', req.method, req.path);
    const operationId = found.operation.operationId ?? '(no id)';
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    const result = found.api.validateRequest(
      {
        method: req.method.toLowerCase(),
        path: req.path,
        query: req.query ?? {},
        headers,
        body: req.body,
      },
      found.operation,
    );
    return this.finish(operationId, toIssues(result.errors, { direction: 'request', operationId }));
  }

  /** Both halves of one `sandbox.requests` entry (dropped connections have no response to check). */
  validateLogEntry(entry: RequestLogEntry): { request: ValidationReport; response?: ValidationReport } {
    const request = this.validateRequest(entry);
    if (entry.status === 0) return { request };
    return { request, response: this.validateResponse(entry.method, entry.path, entry.status, entry.responseBody) };
  }
}

export function loadOpenApiContract(dir: string, gaps?: readonly SpecGap[]): Promise<OpenApiContract> {
  return OpenApiContract.load(dir, gaps);
}

/** One line per issue, for assertion messages. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues
    .map((i) => `${i.direction} ${i.operationId}${i.status ? ` ${i.status}` : ''} ${i.instancePath || '(root)'} [${i.keyword}] ${i.message}`)
    .join('\n');
}
