// `handlebars` as the CLI bundle's sources see it (scripts/bundle.mjs): environments made as
// the package's own create() makes them (dist/cjs/handlebars.js), but the compiler's modules
// (parser, code generator, source maps) are evaluated only when something is compiled: a run
// whose templates are all prebuilt never does. The modules are the package's, in the bundle;
// only when they run changes.
'use strict';
const runtime = require('handlebars/runtime');

/** A module's default export, as handlebars' own modules import each other. */
const defaultOf = (m) => (m && m.__esModule ? m.default : m);

let loaded;
function compiler() {
  if (!loaded) {
    const base = require('handlebars/dist/cjs/handlebars/compiler/base');
    loaded = {
      base,
      compiler: require('handlebars/dist/cjs/handlebars/compiler/compiler'),
      AST: defaultOf(require('handlebars/dist/cjs/handlebars/compiler/ast')),
      JavaScriptCompiler: defaultOf(require('handlebars/dist/cjs/handlebars/compiler/javascript-compiler')),
      Visitor: defaultOf(require('handlebars/dist/cjs/handlebars/compiler/visitor')),
    };
  }
  return loaded;
}

const lazy = (get) => ({ configurable: true, enumerable: true, get });

function create() {
  const hb = runtime.create();
  hb.compile = (input, options) => compiler().compiler.compile(input, options, hb);
  hb.precompile = (input, options) => compiler().compiler.precompile(input, options, hb);
  hb.parse = (input, options) => compiler().base.parse(input, options);
  hb.parseWithoutProcessing = (input, options) => compiler().base.parseWithoutProcessing(input, options);
  Object.defineProperties(hb, {
    AST: lazy(() => compiler().AST),
    Compiler: lazy(() => compiler().compiler.Compiler),
    JavaScriptCompiler: lazy(() => compiler().JavaScriptCompiler),
    Parser: lazy(() => compiler().base.parser),
  });
  return hb;
}

const inst = create();
inst.create = create;
Object.defineProperty(inst, 'Visitor', lazy(() => compiler().Visitor));
inst.default = inst;
module.exports = inst;
