import { describe, expect, it } from 'vitest';
import { suggestTypes } from './suggest-types.js';

const known = ['ai.generate', 'condition', 'delay', 'document.create', 'http.request', 'transform', 'workflow.call'];

describe('suggestTypes', () => {
  it('offers the types a typo is close to, closest first', () => {
    expect(suggestTypes('dealy', known)).toEqual(['delay']);
    expect(suggestTypes('transfrom', known)).toEqual(['transform']);
  });

  it('offers the dotted types a bare word belongs to', () => {
    expect(suggestTypes('http', known)).toEqual(['http.request']);
    expect(suggestTypes('generate', known)).toEqual(['ai.generate']);
  });

  it('offers nothing for an unrelated word', () => {
    expect(suggestTypes('frobnicate', known)).toEqual([]);
  });
});
