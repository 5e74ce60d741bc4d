import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AiTemplateForm } from './ai-template-form';
import type { AiTemplate, AiWorkflowRequest } from './ai-templates-api';

const templates: AiTemplate[] = [
  {
    name: 'content_generation', workflow_type: 'content_generation', title: 'Content generation', description: 'Outlines, drafts, polishes.',
    inputs: { topic: { description: 'What the content is about', required: true }, tone: { description: 'Voice of the text', required: false, default: 'clear and informative' } },
    steps: [{ id: 'outline', type: 'ai.generate' }, { id: 'draft', type: 'ai.generate' }],
  },
  {
    name: 'classification', workflow_type: 'classification', title: 'Classification', description: 'Classifies a text.',
    inputs: { text: { description: 'The text to classify', required: true }, labels: { description: 'Candidate labels', required: false, default: ['support', 'sales'] }, max: { description: 'Most labels', required: false, default: 2 } },
    steps: [{ id: 'classify', type: 'ai.analyze' }],
  },
];

describe('AI template form', () => {
  it('sends the picked template with the name and the required parameters, leaving unchanged defaults to the template', async () => {
    const sent: AiWorkflowRequest[] = [];
    render(<AiTemplateForm templates={templates} pending={false} onSubmit={(request) => sent.push(request)} />);
    const user = userEvent.setup();
    expect((screen.getByRole('textbox', { name: /^tone/ }) as HTMLInputElement).value).toBe('clear and informative');
    await user.type(screen.getByRole('textbox', { name: /^topic/ }), 'AI automation');
    await user.click(screen.getByRole('button', { name: 'Create workflow' }));
    expect(sent).toEqual([{ name: 'Content generation', workflow_type: 'content_generation', template_name: 'content_generation', input_data: { topic: 'AI automation' } }]);
  });

  it('switches parameters with the template and turns lists and numbers back into their types', async () => {
    const sent: AiWorkflowRequest[] = [];
    render(<AiTemplateForm templates={templates} pending={false} onSubmit={(request) => sent.push(request)} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /Classification/ }));
    expect(screen.queryByRole('textbox', { name: /^topic/ })).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Workflow name' }) as HTMLInputElement).value).toBe('Classification');
    await user.type(screen.getByRole('textbox', { name: /^text/ }), 'My printer is on fire');
    await user.type(screen.getByRole('textbox', { name: /^labels/ }), '\nbilling');
    await user.clear(screen.getByRole('textbox', { name: /^max/ }));
    await user.type(screen.getByRole('textbox', { name: /^max/ }), '3');
    await user.click(screen.getByRole('button', { name: 'Create workflow' }));
    expect(sent[0]!.input_data).toEqual({ text: 'My printer is on fire', labels: ['support', 'sales', 'billing'], max: 3 });
  });

  it('does not send without the required parameters', async () => {
    const sent: AiWorkflowRequest[] = [];
    render(<AiTemplateForm templates={templates} pending={false} onSubmit={(request) => sent.push(request)} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create workflow' }));
    expect(sent).toEqual([]);
  });
});
