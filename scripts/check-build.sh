#!/usr/bin/env bash
# Proves build/build.zip (what `zapier-platform push` uploads) loads the app on its own: unzip it into an empty
# folder, require the root index.js through the packaged zapier-platform-core, and validate the definition; the two
# libraries loaded on first use (zod, libphonenumber-js) must resolve to their minified copies in dist/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
zip="build/build.zip"
[ -f "$zip" ] || { echo "check-build: $zip is missing; run npm run zip first" >&2; exit 1; }
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
unzip -q "$zip" -d "$dir"
cd "$dir"
node -e '
const app = require("./index.js");
const schema = require("zapier-platform-core/src/tools/schema");
const errors = schema.validateApp(schema.compileApp(app));
if (errors.length) { console.error(errors); process.exit(1); }
const { handler } = require("./zapierwrapper.js");
if (typeof handler !== "function") { console.error("zapierwrapper.js exports no handler"); process.exit(1); }
// zod and libphonenumber-js load on first use from dist/node_modules (scripts/zip/vendor.js): they must be there, and work.
const path = require("path");
for (const name of ["zod", "libphonenumber-js"]) {
  const at = require.resolve(name, { paths: [path.resolve("dist")] });
  if (!at.startsWith(path.resolve("dist", "node_modules", name) + path.sep)) { console.error(`${name} resolves to ${at}, not dist/node_modules`); process.exit(1); }
}
const { z } = require(require.resolve("zod", { paths: [path.resolve("dist")] }));
const phone = require(require.resolve("libphonenumber-js", { paths: [path.resolve("dist")] }));
if (!z.looseObject({ id: z.string() }).safeParse({ id: "a" }).success || phone.parsePhoneNumberFromString("0171 2345678", "DE")?.number !== "+491712345678") {
  console.error("zod or libphonenumber-js from dist/node_modules does not work"); process.exit(1);
}
const count = (o) => Object.keys(o || {}).length;
console.log(`check-build: build.zip loads ${app.version}: ${count(app.triggers)} triggers, ${count(app.creates)} creates, ${count(app.searches)} searches, 0 schema errors`);
'
