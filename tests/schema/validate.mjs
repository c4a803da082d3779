// Validates JSON documents against the JSON Schemas (draft 2020-12) in a folder, with ajv in
// strict mode and the standard formats (date-time, …).
//
//   node validate.mjs <schema dir> <schema file name>=<document file> ...
//
// Prints one line per document; exits 1 when any document (or schema) is invalid.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaDir, ...pairs] = process.argv.slice(2);
if (!schemaDir || pairs.length === 0) {
  console.error("usage: node validate.mjs <schema dir> <schema>=<document> ...");
  process.exit(2);
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
// Every schema in the folder must compile, used here or not.
for (const name of readdirSync(schemaDir).filter((n) => n.endsWith(".schema.json"))) {
  const schema = JSON.parse(readFileSync(join(schemaDir, name), "utf8"));
  ajv.addSchema(schema, name);
}

let failed = 0;
for (const pair of pairs) {
  const split = pair.indexOf("=");
  const schemaName = pair.slice(0, split);
  const documentPath = pair.slice(split + 1);
  const validate = ajv.getSchema(schemaName);
  if (!validate) {
    console.error(`FAIL ${documentPath}: no schema ${schemaName} in ${schemaDir}`);
    failed++;
    continue;
  }
  let document;
  try {
    document = JSON.parse(readFileSync(documentPath, "utf8"));
  } catch (error) {
    console.error(`FAIL ${documentPath}: not JSON: ${error.message}`);
    failed++;
    continue;
  }
  if (validate(document)) {
    console.log(`ok   ${documentPath} against ${schemaName}`);
  } else {
    failed++;
    console.error(`FAIL ${documentPath} against ${schemaName}:`);
    for (const error of validate.errors) {
      console.error(`  ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
}
process.exit(failed === 0 ? 0 : 1);
