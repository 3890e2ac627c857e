// Zapier's runtime (zapierwrapper.js) loads index.js at the app root. The app is TypeScript, bundled by esbuild into
// one minified file (dist/app.js, `npm run bundle`) with zapier-platform-core left outside: one file to read and
// parse instead of hundreds, and none of the app's dependencies' files it does not use. zod and libphonenumber-js,
// loaded on first use, are minified files of their own in dist/node_modules (scripts/zip/vendor.js).
module.exports = require('./dist/app.js');
