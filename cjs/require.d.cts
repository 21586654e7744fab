// `require('helpline')` throws: Helpline is published as ES modules only. Load it with `import` (or, from
// CommonJS, `await import('helpline')`), where the types are those of dist/types/.
declare const helplineIsAnEsModule: never;
export = helplineIsAnEsModule;
