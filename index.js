// Zapier's runtime (zapierwrapper.js) loads index.js at the app root; the app is TypeScript compiled to dist/.
module.exports = require('./dist/index.js');
