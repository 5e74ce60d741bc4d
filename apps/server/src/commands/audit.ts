import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { AuditExportFormat, ChainFault } from '@dwc/runtime';
import { InputError } from '@dwc/sdk';
import { withRuntime } from './with-runtime.js';

const WHAT: Record<ChainFault, string> = {
  hash_mismatch: 'its contents do not match its hash (edited)',
  broken_link: 'it does not follow the record before it (a record was removed or replaced)',
  gap: 'sequence numbers are missing before it (records were deleted)',
  out_of_order: 'it is out of order (records were reordered)',
};

/** `dwc audit verify`: checks the hash chain; exit code 0 when intact, 1 (one line naming the first bad record) when not. */
export async function auditVerify(): Promise<number> {
  return withRuntime({ migrate: true }, async ({ audit }) => {
    const report = await audit.verify();
    if (report.ok) {
      console.log(`audit log intact: ${report.checked} record(s) checked${report.head ? `, head seq ${report.head.seq} hash ${report.head.hash}` : ''}`);
      return 0;
    }
    const bad = report.first_bad!;
    console.error(`audit log broken at seq ${bad.seq} (id ${bad.id}): ${bad.reason}: ${WHAT[bad.reason]}`);
    return 1;
  });
}

const instant = (name: string, text: string | undefined): Date | undefined => {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new InputError(`--${name} must be an ISO-8601 date-time such as 2026-01-31T12:00:00Z`, { code: 'invalid_option' });
  return date;
};

/** `dwc audit export`: streams the log (oldest first) as CSV or JSON to stdout or a file. */
export async function auditExport(options: { format: string; output?: string; actor?: string; action?: string; from?: string; to?: string }): Promise<void> {
  if (options.format !== 'csv' && options.format !== 'json') throw new InputError('--format must be csv or json', { code: 'invalid_option' });
  const filter = { actor: options.actor, action: options.action, from: instant('from', options.from), to: instant('to', options.to) };
  await withRuntime({ migrate: true }, async ({ audit }) => {
    const stream = audit.export(filter, options.format as AuditExportFormat);
    await pipeline(stream, options.output === undefined ? process.stdout : createWriteStream(options.output, { mode: 0o600 }), { end: options.output !== undefined });
  });
}
