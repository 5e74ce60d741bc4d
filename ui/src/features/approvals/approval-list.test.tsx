import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ApprovalList } from './approval-list';
import type { Approval, Decision } from './approvals-api';

const approval: Approval = { execution_id: 'e1', step_id: 'ok', message: 'Publish the post?', approvers: ['admin', 'owner'], created_at: '2026-01-01T10:00:00Z', timeout_at: null };

describe('approvals inbox', () => {
  it('shows each question with its approvers and sends the decision with the comment', async () => {
    const decided: [string, Decision, string][] = [];
    render(
      <MemoryRouter>
        <ApprovalList items={[approval]} busy={false} onDecide={(a, decision, comment) => decided.push([a.execution_id, decision, comment])} />
      </MemoryRouter>,
    );
    const item = screen.getByRole('listitem', { name: 'Publish the post?' });
    expect(item.textContent).toContain('Approvers: admin, owner');
    expect(screen.getByRole('link', { name: 'Open run' }).getAttribute('href')).toBe('/runs/e1');
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Comment' }), 'ship it');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(decided).toEqual([['e1', 'approve', 'ship it'], ['e1', 'reject', 'ship it']]);
  });

  it('says so when nothing waits', () => {
    render(<ApprovalList items={[]} busy={false} onDecide={() => {}} />);
    expect(screen.getByText('Nothing is waiting for your decision.')).toBeTruthy();
  });
});
