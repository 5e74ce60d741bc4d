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
  it('lists automations, each linking to its page', () => {
    render(<MemoryRouter><AutomationTable items={[automation]} /></MemoryRouter>);
    expect(screen.getByRole('link', { name: 'Content Automation' }).getAttribute('href')).toBe('/automations/a1');
    expect(screen.getByRole('row', { name: /Content Automation/ }).textContent).toContain('AI decides');
  });

  it("shows each variant's odds", () => {
    render(<VariantOddsTable automation={automation} />);
    const detailed = within(screen.getByRole('table', { name: 'Variant odds' })).getByRole('row', { name: /detailed/ });
    expect(detailed.textContent).toContain('90%');
    expect(detailed.textContent).toContain('86%');
  });

  it('shows what each run matched, decided and did, and sends a score from 0 to 100', async () => {
    const sent: [string, number][] = [];
    render(<MemoryRouter><RunTable runs={[run]} busy={false} onFeedback={(r, score) => sent.push([r.id, score])} /></MemoryRouter>);
    const row = screen.getByRole('row', { name: /priority/ });
    expect(row.textContent).toContain('ai: run');
    expect(row.textContent).toContain('ai_generation (detailed): succeeded');
    const user = userEvent.setup();
    const score = screen.getByRole('spinbutton', { name: /Score \(0–100\) for the run of/ });
    await user.type(score, '150');
    expect(screen.getByRole('button', { name: 'Send score' }).hasAttribute('disabled')).toBe(true);
    await user.clear(score);
    await user.type(score, '85');
    await user.click(screen.getByRole('button', { name: 'Send score' }));
    expect(sent).toEqual([['r1', 85]]);
  });
});
