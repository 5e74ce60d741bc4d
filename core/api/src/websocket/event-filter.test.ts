import { describe, expect, it } from 'vitest';
import { compileEventFilter } from './event-filter.js';

describe('compileEventFilter', () => {
  it('lets every type through when there are no patterns or one is *', () => {
    expect(compileEventFilter([])).toBeNull();
    expect(compileEventFilter(['step.*', '*'])).toBeNull();
  });

  it('matches an exact type only exactly', () => {
    const filter = compileEventFilter(['execution.succeeded'])!;
    expect(filter('execution.succeeded')).toBe(true);
    expect(filter('execution.succeeded.late')).toBe(false);
    expect(filter('execution.failed')).toBe(false);
  });

  it('matches a prefix pattern on whole dotted segments', () => {
    const filter = compileEventFilter(['step.*'])!;
    expect(filter('step.started')).toBe(true);
    expect(filter('step.progress.detail')).toBe(true);
    expect(filter('steps.started')).toBe(false);
    expect(filter('step')).toBe(false);
  });
});
