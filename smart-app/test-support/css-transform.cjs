// Stylesheets mean nothing to jsdom component tests: import them as empty modules.
module.exports = { process: () => ({ code: 'module.exports = {};' }) };
