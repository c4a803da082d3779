// Validates GraphQL documents and request bodies against GitHub's published schema (npm
// @octokit/graphql-schema's schema.graphql) with the reference implementation (npm graphql).
//
//   node validate.mjs <schema.graphql> <file>...
//
// A file ending in .graphql is a document: it must parse and pass validate(). Any other file is
// a request body as the client POSTs it ({"query", "operationName", "variables"}): its query must
// be valid, name the operation `operationName` names, and the variables must coerce to that
// operation's variable definitions (getVariableValues: every required one present, each of its
// type, none unknown). Exit 0 when every file is valid, 1 when any is not, 2 on bad usage.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { buildSchema, getOperationAST, parse, validate } from "graphql";
import { getVariableValues } from "graphql/execution/values.js";

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error("usage: node validate.mjs <schema.graphql> <file>...");
  process.exit(2);
}

// assumeValidSDL: the published schema.graphql defines two fields of EnterpriseOwnerInfo twice
// (repositoryDeployKeySetting, repositoryDeployKeySettingOrganizations, in 15.26.1), which
// buildSchema's SDL check refuses; the schema itself is still checked by validate() below.
const schema = buildSchema(readFileSync(schemaPath, "utf8"), { assumeValidSDL: true });

// The problems of one document, or [] with its parsed AST.
function checkDocument(query) {
  let ast;
  try {
    ast = parse(query);
  } catch (error) {
    return { problems: [`does not parse: ${error.message}`] };
  }
  return { ast, problems: validate(schema, ast).map((error) => error.message) };
}

function checkRequest(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return [`the body is not JSON: ${error.message}`];
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return ["the body is not a JSON object"];
  const unknownKeys = Object.keys(body).filter((key) => !["query", "operationName", "variables"].includes(key));
  if (unknownKeys.length > 0) return [`the body has unknown keys: ${unknownKeys.join(", ")}`];
  if (typeof body.query !== "string") return ["the body has no query string"];
  const { ast, problems } = checkDocument(body.query);
  if (problems.length > 0) return problems;
  if (typeof body.operationName !== "string") return ["the body names no operationName"];
  const operation = getOperationAST(ast, body.operationName);
  if (!operation) return [`the query has no operation named ${body.operationName}`];
  const variables = body.variables ?? {};
  if (typeof variables !== "object" || Array.isArray(variables)) return ["variables is not an object"];
  const declared = new Set((operation.variableDefinitions ?? []).map((d) => d.variable.name.value));
  const undeclared = Object.keys(variables).filter((name) => !declared.has(name));
  if (undeclared.length > 0) return [`variables the operation does not declare: ${undeclared.join(", ")}`];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return (coerced.errors ?? []).map((error) => error.message);
}

let invalid = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const problems = file.endsWith(".graphql") ? checkDocument(text).problems : checkRequest(text);
  if (problems.length === 0) {
    console.log(`valid: ${basename(file)}`);
  } else {
    invalid++;
    console.log(`INVALID: ${basename(file)}`);
    for (const problem of problems) console.log(`  ${problem}`);
  }
}
console.log(`${files.length - invalid} of ${files.length} valid`);
process.exit(invalid === 0 ? 0 : 1);
