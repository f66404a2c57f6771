// Jest (CommonJS mode, Node 20) cannot load ESM-only packages such as NestJS 12 itself.
// This transformer rewrites those packages to CommonJS for the test sandbox only; production uses Node's require(esm).
const babelJest = require('babel-jest').default;

module.exports = babelJest.createTransformer({
  babelrc: false,
  configFile: false,
  compact: false,
  plugins: [
    require.resolve('babel-plugin-transform-import-meta'),
    require.resolve('@babel/plugin-transform-dynamic-import'),
    require.resolve('@babel/plugin-transform-modules-commonjs'),
  ],
});
