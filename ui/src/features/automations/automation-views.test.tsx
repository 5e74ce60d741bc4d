import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Automation, AutomationRun } from './automations-api';
import { AutomationTable, RunTable, VariantOddsTable } from './automation-views';

const automation: Automation = {
  id: 'a1', name: 'Content Automation', description: null, trigger: { type: 'event_based', conditions: { priority: 'high' } }, actions: [{ type: 'ai_generation' }],
  ai_decision_making: true, learning_enabled: true, enabled: true,
  variant_odds: [{ action_index: 0, variants: [
    { variant: 'concise', alpha: 2, beta: 5, pulls: 5, mean: 2 / 7, chosen_probability: 0.1 },
    { variant: 'detailed', alpha: 6, beta: 1, pulls: 5, mean: 6 / 7, chosen_probability: 0.9 },
  ] }],
};

const run: AutomationRun = {
  id: 'r1', execution_id: 'e1', status: 'succeeded', matched: true, created_at: '2026-01-01T10:00:00Z',
  conditions: [{ field: 'priority', expected: 'high', actual: 'high', matched: true }],
  decision: { decided_by: 'ai', decision: 'run', reason: 'asked for', confidence: 0.8 },
  actions: [{ index: 0, type: 'ai_generation', variant: 'detailed', run: true, status: 'succeeded' }],
};

describe('automations screen parts', () => {
  it('lists automations and picks one', async () => {
    const picked: string[] = [];
    render(<AutomationTable items={[automation]} selected={null} onSelect={(id) => picked.push(id)} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Content Automation' }));
    expect(picked).toEqual(['a1']);
    expect(screen.getByRole('row', { name: /Content Automation/ }).textContent).toContain('AI decides');
  });

  it("shows each variant's odds", () => {
    render(<VariantOddsTable automation={automation} />);
    const detailed = within(screen.getByRole('table', { name: 'Variant odds' })).getByRole('row', { name: /detailed/ });
    expect(detailed.textContent).toContain('90%');
    expect(detailed.textContent).toContain('86%');
  });

  it('shows what each run matched, decided and did, and sends feedback', async () => {
    const sent: [string, boolean][] = [];
    render(<MemoryRouter><RunTable runs={[run]} busy={false} onFeedback={(r, ok) => sent.push([r.id, ok])} /></MemoryRouter>);
    const row = screen.getByRole('row', { name: /priority/ });
    expect(row.textContent).toContain('ai: run');
    expect(row.textContent).toContain('ai_generation (detailed): succeeded');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Good outcome' }));
    expect(sent).toEqual([['r1', true]]);
  });
});
