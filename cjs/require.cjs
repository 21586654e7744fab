'use strict';
// require('helpline') lands here: Helpline is published as ES modules only.
throw new Error(
  "helpline is an ES module and cannot be loaded with require(): load it with an import statement, " +
    "or from CommonJS with: const { loadPack, createBot } = await import('helpline')",
);
