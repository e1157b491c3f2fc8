export { compile, templateLibrary, type CompileOptions, type CompileResult } from './compile.js';
export type { Pod } from './model/pod.js';
export { formatDiagnostic, type Diagnostic, type Severity, type SourcePosition } from './diagnostics.js';
export type { StackInput } from './load/read-stack.js';
