import { describe, expect, it } from 'vitest';
import { retentionRules } from './retention-rules.js';

const server = { days: 14, count: 10_000 };
const noDocuments = { delete_documents: false };

describe('retentionRules', () => {
  it('applies the server retention to every workflow when none has its own', () => {
    expect(retentionRules(server, new Map())).toEqual([
      { scope: { except: [] }, days: 14 },
      { scope: { except: [] }, count: 10_000 },
    ]);
  });

  it('gives a workflow its own rule for each measure it sets, taking it out of the server rule of that measure only', () => {
    const rules = retentionRules(server, new Map([['wf-days', { days: 2, ...noDocuments }], ['wf-count', { count: 5, ...noDocuments }]]));
    expect(rules).toEqual([
      { scope: { workflowId: 'wf-days' }, days: 2 },
      { scope: { workflowId: 'wf-count' }, count: 5 },
      { scope: { except: ['wf-days'] }, days: 14 },
      { scope: { except: ['wf-count'] }, count: 10_000 },
    ]);
  });

  it('makes no rule for a measure set to 0, so that workflow keeps its executions on it', () => {
    const rules = retentionRules(server, new Map([['forever', { days: 0, count: 0, ...noDocuments }]]));
    expect(rules).toEqual([
      { scope: { except: ['forever'] }, days: 14 },
      { scope: { except: ['forever'] }, count: 10_000 },
    ]);
  });

  it('makes no server rule when the server retention is off', () => {
    expect(retentionRules({ days: 0, count: 0 }, new Map([['wf', { count: 3, ...noDocuments }]]))).toEqual([{ scope: { workflowId: 'wf' }, count: 3 }]);
  });
});
