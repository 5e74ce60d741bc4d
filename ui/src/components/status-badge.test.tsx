import { render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBadge } from './status-badge';

describe('StatusBadge', () => {
  afterEach(() => void i18next.changeLanguage('en'));

  it('names the status in words, in the current language', async () => {
    render(<StatusBadge status="succeeded" />);
    expect(screen.getByText('Succeeded')).toHaveProperty('dataset.status', 'succeeded');
    await i18next.changeLanguage('es');
    expect(await screen.findByText('Correcto')).toBeTruthy();
  });

  it('says "never run" for a workflow without runs', () => {
    render(<StatusBadge status={null} />);
    expect(screen.getByText('Never run')).toBeTruthy();
  });
});
