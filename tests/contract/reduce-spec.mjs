// Reduces GitHub's published OpenAPI description (npm @octokit/openapi) to the operations that
// core/github/github_client.cpp sends, and adapts it to how Prism mocks and validates, so the
// contract test fails only when a request of ours breaks the description.
//
//   node reduce-spec.mjs [--in api.github.com.json] --out reduced.json
//
// Keep OPERATIONS in step with github_client.cpp: an operation missing here is answered 404 by
// Prism and fails the test, which is the point.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));

// [method, path, the GitHubClient member that sends it]
const OPERATIONS = [
  ['get', '/repos/{owner}/{repo}', 'getRepository'],
  ['get', '/repos/{owner}/{repo}/environments/{environment_name}', 'getEnvironment'],
  ['get', '/repos/{owner}/{repo}/environments/{environment_name}/variables', 'listVariables(Environment)'],
  ['get', '/repos/{owner}/{repo}/actions/variables', 'listVariables(Repository)'],
  ['get', '/repos/{owner}/{repo}/actions/organization-variables', 'listVariables(Organization)'],
  ['get', '/repos/{owner}/{repo}/environments/{environment_name}/secrets', 'listSecrets(Environment)'],
  ['get', '/repos/{owner}/{repo}/actions/secrets', 'listSecrets(Repository)'],
  ['get', '/repos/{owner}/{repo}/actions/organization-secrets', 'listSecrets(Organization)'],
  ['get', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', 'listWorkflowRuns'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}', 'getRun'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs', 'listJobs'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', 'listPendingDeployments'],
  ['post', '/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', 'reviewPendingDeployments'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals', 'listApprovals'],
  ['get', '/repos/{owner}/{repo}/deployments', 'listDeployments'],
  ['get', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', 'listDeploymentStatuses'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', 'listArtifacts'],
  ['get', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', 'downloadArtifact'],
  ['post', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', 'dispatchWorkflow'],
  ['get', '/repos/{owner}/{repo}/branches/{branch}', 'getBranch'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}', 'getCommit'],
  ['get', '/repos/{owner}/{repo}/compare/{basehead}', 'compareCommits'],
  ['get', '/repos/{owner}/{repo}/contents/{path}', 'getFileContents'],
  ['get', '/rate_limit', 'getRateLimit'],
  ['get', '/user', 'getCurrentUser'],
];

const GITHUB_JSON = 'application/vnd.github+json';

const { values: args } = parseArgs({
  options: {
    in: { type: 'string', default: join(here, 'node_modules/@octokit/openapi/generated/api.github.com.json') },
    out: { type: 'string' },
  },
});
if (!args.out) {
  console.error('usage: node reduce-spec.mjs [--in api.github.com.json] --out reduced.json');
  process.exit(2);
}

const full = JSON.parse(readFileSync(args.in, 'utf8'));

// ---- select the operations ------------------------------------------------------------------

const paths = {};
for (const [method, path, member] of OPERATIONS) {
  const item = full.paths[path];
  if (!item || !item[method]) {
    console.error(`reduce-spec: ${method.toUpperCase()} ${path} (${member}) is not in the description`);
    process.exit(1);
  }
  paths[path] ??= item.parameters ? { parameters: structuredClone(item.parameters) } : {};
  paths[path][method] = structuredClone(item[method]);
}

// ---- copy the components they reference, transitively -------------------------------------

const decodePointer = (segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

function resolve(ref) {
  if (!ref.startsWith('#/')) throw new Error(`reduce-spec: external $ref ${ref} is not supported`);
  let node = full;
  for (const segment of ref.slice(2).split('/').map(decodePointer)) {
    node = node?.[segment];
    if (node === undefined) throw new Error(`reduce-spec: dangling $ref ${ref}`);
  }
  return node;
}

const components = {};
const seen = new Set();
function collectRefs(node) {
  if (Array.isArray(node)) return node.forEach(collectRefs);
  if (node === null || typeof node !== 'object') return;
  if (typeof node.$ref === 'string' && !seen.has(node.$ref)) {
    seen.add(node.$ref);
    const [hash, root, kind, name, ...rest] = node.$ref.split('/');
    if (hash !== '#' || root !== 'components' || !name || rest.length) {
      throw new Error(`reduce-spec: unexpected $ref ${node.$ref}`);
    }
    const target = resolve(node.$ref);
    (components[kind] ??= {})[decodePointer(name)] = structuredClone(target);
    collectRefs(target);
  }
  for (const value of Object.values(node)) collectRefs(value);
}
collectRefs(paths);

// ---- adapt to Prism ---------------------------------------------------------------------------

// Every response object (inline in an operation or shared in components.responses).
function* responses() {
  for (const item of Object.values(paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      yield* Object.values(op.responses ?? {}).filter((r) => !r.$ref);
    }
  }
  yield* Object.values(components.responses ?? {});
}

const notes = [];
for (const response of responses()) {
  // Prism negotiates the Accept header literally: the client's `application/vnd.github+json`
  // gets 406 unless the media type is listed. GitHub serves its JSON under both names.
  if (response.content?.['application/json'] && !response.content[GITHUB_JSON]) {
    response.content[GITHUB_JSON] = response.content['application/json'];
  }
  // The description's Link example points at https://api.github.com/resource?page=2, a host
  // the client rightly refuses to follow. Pagination is covered by the sandbox tests instead.
  for (const name of Object.keys(response.headers ?? {})) {
    if (name.toLowerCase() === 'link') delete response.headers[name];
  }
}
notes.push('Link headers dropped; application/json responses also listed as ' + GITHUB_JSON);

// `workflow_id` is declared oneOf [integer, string]: a numeric id matches both branches, which
// oneOf forbids, so Prism would reject ids like 161335. anyOf says what GitHub means.
function relaxOneOf(parameter) {
  if (parameter.schema?.oneOf) {
    parameter.schema.anyOf = parameter.schema.oneOf;
    delete parameter.schema.oneOf;
    notes.push(`parameter ${parameter.name}: oneOf relaxed to anyOf`);
  }
}
for (const parameter of Object.values(components.parameters ?? {})) relaxOneOf(parameter);
for (const item of Object.values(paths)) {
  for (const [method, op] of Object.entries(item)) {
    const list = method === 'parameters' ? op : op.parameters ?? [];
    list.filter((p) => !p.$ref).forEach(relaxOneOf);
  }
}

// The artifact download answers 302 to a storage host; the description's Location example is
// a real GitHub host, unreachable from the test. Point it at a stand-in served by the same
// Prism (relative, so it needs no port). The redirect hop keeps the API's Accept header and
// Prism negotiates it, so the stand-in answers as application/vnd.github+json, which makes
// Prism send its example as a JSON string: the test looks for the marker, not for zip bytes.
// (The token stays off other hosts: that is covered by the transport's own tests.)
const STORAGE_PATH = '/_releasedesk/artifact-storage/{file}';
const download = paths['/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}'].get;
download.responses['302'].headers = {
  Location: { schema: { type: 'string' }, example: '/_releasedesk/artifact-storage/artifact.zip' },
};
const zipContent = { schema: { type: 'string' }, example: 'PK artifact zip from the storage stand-in' };
paths[STORAGE_PATH] = {
  get: {
    operationId: 'releasedesk/artifact-storage',
    summary: 'Test stand-in for the storage host an artifact download redirects to (not GitHub API)',
    parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      200: {
        description: 'The archive',
        content: { 'application/zip': zipContent, [GITHUB_JSON]: zipContent },
      },
    },
  },
};
notes.push(`artifact download redirects to ${STORAGE_PATH} (a stand-in for GitHub's storage host)`);

// Prism ignores body fields the description does not declare, but GitHub refuses some (GHES
// answers 422 to an unknown `return_run_details`). Closing the request bodies makes Prism report
// a misspelt or invented field. (Undeclared query parameters are checked by the test itself.)
for (const [path, item] of Object.entries(paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (method === 'parameters') continue;
    for (const media of Object.values(op.requestBody?.content ?? {})) {
      if (media.schema?.type === 'object' && media.schema.additionalProperties === undefined) {
        media.schema.additionalProperties = false;
        notes.push(`${method.toUpperCase()} ${path}: request body closed (additionalProperties: false)`);
      }
    }
  }
}

// No operation we use declares security today; strip it anyway, so a future description that
// does cannot make Prism demand credentials in a form the dummy token does not satisfy.
for (const item of Object.values(paths)) {
  for (const [method, op] of Object.entries(item)) if (method !== 'parameters') delete op.security;
}

// Drop the components that only the replaced headers (Link, Location) referenced.
const reachable = new Set();
(function mark(node) {
  if (Array.isArray(node)) return node.forEach(mark);
  if (node === null || typeof node !== 'object') return;
  if (typeof node.$ref === 'string' && !reachable.has(node.$ref)) {
    reachable.add(node.$ref);
    const [, , kind, name] = node.$ref.split('/');
    mark(components[kind][decodePointer(name)]);
  }
  Object.values(node).forEach(mark);
})(paths);
for (const [kind, entries] of Object.entries(components)) {
  for (const name of Object.keys(entries)) {
    if (!reachable.has(`#/components/${kind}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`)) delete entries[name];
  }
  if (!Object.keys(entries).length) delete components[kind];
}

const reduced = {
  openapi: full.openapi,
  info: {
    ...full.info,
    title: `${full.info.title} (reduced for the ReleaseDesk contract test)`,
    'x-releasedesk-notes': notes,
  },
  servers: [{ url: 'http://127.0.0.1' }],
  paths,
  components,
};

mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, JSON.stringify(reduced, null, 1) + '\n');
console.log(`reduce-spec: ${OPERATIONS.length} operations, ${reachable.size} components -> ${args.out}`);
