// Validates JSON documents against a JSON Schema (draft 2020-12) with Ajv, formats included.
//   node validate.mjs <schema.json> <document.json>...
// Exits 0 when every document is valid, 1 (printing each error) when one is not, 2 on bad input.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, ...documents] = process.argv.slice(2);
if (!schemaPath || documents.length === 0) {
  console.error("usage: node validate.mjs <schema.json> <document.json>...");
  process.exit(2);
}
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
let validate;
try {
  validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
} catch (error) {
  // A schema that does not compile is not "invalid document": exit 2 so a negative check cannot pass.
  console.error(`${schemaPath}: ${error.message}`);
  process.exit(2);
}
let failed = false;
for (const path of documents) {
  const document = JSON.parse(readFileSync(path, "utf8"));
  if (validate(document)) {
    console.log(`valid: ${path}`);
  } else {
    failed = true;
    for (const error of validate.errors) console.log(`invalid: ${path}: ${error.instancePath || "/"} ${error.message}`);
  }
}
process.exit(failed ? 1 : 0);
