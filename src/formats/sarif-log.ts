/**
 * Diagnostics as a SARIF 2.1.0 log, the format GitHub code scanning uploads
 * (github/codeql-action/upload-sarif): one run, the rules the diagnostics belong to, one
 * result per diagnostic with its file relative to the run's folder (uriBaseId SRCROOT).
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostics.js';
import { ALL_RULES, ruleOf } from './diagnostic-rules.js';
import { locationOf } from './diagnostic-location.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = 'SRCROOT';

export interface SarifTool {
  name: string;
  version: string;
  informationUri?: string;
}

/** A relative path as a URI reference: each segment percent-encoded. */
function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function sarifResult(diagnostic: Diagnostic, cwd: string): Record<string, unknown> {
  const rule = ruleOf(diagnostic);
  const result: Record<string, unknown> = {
    ruleId: rule.id,
    ruleIndex: ALL_RULES.findIndex((r) => r.id === rule.id),
    level: diagnostic.severity,
    message: { text: diagnostic.message },
  };
  const location = locationOf(diagnostic, cwd);
  if (location && !location.file.startsWith('<')) {
    const region = location.line === undefined ? {} : { region: { startLine: location.line, startColumn: location.col } };
    result.locations = [{ physicalLocation: { artifactLocation: { uri: uriOf(location.file), uriBaseId: SRCROOT }, ...region } }];
  }
  return result;
}

/** The SARIF log of a run's diagnostics, as JSON text. */
export function sarifLog(diagnostics: readonly Diagnostic[], tool: SarifTool, cwd: string): string {
  const root = pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: ALL_RULES.map((rule) => ({ id: rule.id, shortDescription: { text: rule.description } })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: root } },
        results: diagnostics.map((d) => sarifResult(d, cwd)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
