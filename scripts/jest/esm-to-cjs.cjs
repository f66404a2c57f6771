// Jest (CommonJS mode, Node 20) cannot load ESM-only packages such as NestJS 12 itself.
// This transformer rewrites those packages to CommonJS for the test sandbox only; production uses Node's require(esm).
const babelJest = require('babel-jest').default;

const babel = babelJest.createTransformer({
  babelrc: false,
  configFile: false,
  compact: false,
  plugins: [
    require.resolve('babel-plugin-transform-import-meta'),
    require.resolve('@babel/plugin-transform-dynamic-import'),
    require.resolve('@babel/plugin-transform-modules-commonjs'),
  ],
});

// ESM code re-creates `require` with createRequire(import.meta.url); in CommonJS it already exists,
// and the shadowing declaration would break the `require` calls the transform adds.
// `export * as ns from 'x'` (e.g. @tus/utils) needs a Babel plugin we do not install; rewrite it to import + export.
const dropRequireShim = (src) =>
  src
    .replace(/^const require = createRequire\(import\.meta\.url\);$/m, '')
    .replace(/^export \* as (\w+) from (['"][^'"]+['"]);?$/gm, 'import * as $1 from $2; export { $1 };');

module.exports = {
  canInstrument: babel.canInstrument,
  getCacheKey: (src, file, opts) => babel.getCacheKey(dropRequireShim(src), file, opts),
  process: (src, file, opts) => babel.process(dropRequireShim(src), file, opts),
};
