import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const inApi = fileURLToPath(new URL('../core/api/src/routes/boundary-probe.ts', import.meta.url));

async function restricted(code: string, filePath = inApi): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the lint rule keeping core/api off storage', () => {
  it.each([
    "import { sqlClientOf } from '@dwc/runtime';\nexport const x = sqlClientOf;\n",
    "import type { SqlClient } from '@dwc/runtime';\nexport type X = SqlClient;\n",
    "import { openDatabase } from '@dwc/runtime';\nexport const x = openDatabase;\n",
    "import type { ExecutionStore } from '@dwc/runtime';\nexport type X = ExecutionStore;\n",
    "import type { JobStore } from '@dwc/runtime';\nexport type X = JobStore;\n",
    "export { sqlClientOf } from '@dwc/runtime';\n",
  ])('refuses %j in core/api', async (code) => {
    expect(await restricted(code)).toEqual([expect.stringContaining('never the database or a store')]);
  });

  it('still lets core/api import runtime services and helpers', async () => {
    expect(await restricted("import type { ExecutionQueries, ExecutionService } from '@dwc/runtime';\nexport type X = ExecutionQueries | ExecutionService;\n")).toEqual([]);
  });

  it('lets the server wire storage outside core/api', async () => {
    const server = fileURLToPath(new URL('../apps/server/src/boundary-probe.ts', import.meta.url));
    expect(await restricted("import { sqlClientOf } from '@dwc/runtime';\nexport const x = sqlClientOf;\n", server)).toEqual([]);
  });
});
