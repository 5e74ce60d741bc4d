import { describe, expect, it, vi } from 'vitest';
import type { PreparedStep, StepRef, StepStore } from './step-store.js';
import { createStepResultHold } from './step-result-hold.js';
import type { ExecutionEvents } from './step-events.js';

const ref = (stepId: string, itemIndex = -1): StepRef => ({ executionId: 'e', workflowId: 'w', stepId, itemIndex, input: null, attempts: 1, startedAt: null });

function fakes() {
  const prepared = (step: StepRef) => ({ row: { stepId: step.stepId }, written: { stepId: step.stepId }, documents: [], blob: null, outputJsonLength: 2 }) as unknown as PreparedStep;
  const store = {
    startStep: vi.fn(),
    prepareStep: vi.fn(prepared),
    finishStep: vi.fn(async (step: StepRef) => ({ documentIds: [], outputBlobId: null, outputJsonLength: 2, written: prepared(step).written })),
    writeSteps: vi.fn(async () => undefined),
  };
  const emitted: string[] = [];
  const events: ExecutionEvents = { execution: vi.fn(), step: (type, stepId) => void emitted.push(`${type}:${stepId}`), documentCreated: (id, stepId) => void emitted.push(`document:${stepId}`) };
  return { store, events, emitted, hold: createStepResultHold(store as unknown as StepStore, events) };
}

describe('step result hold', () => {
  it('writes every result at once until a final step is named', async () => {
    const { store, hold } = fakes();
    await hold.store.finishStep(ref('a'), { status: 'succeeded' });
    expect(store.finishStep).toHaveBeenCalledTimes(1);
    expect(hold.take()).toEqual([]);
  });

  it('holds the final step\'s result and the events after it until released; its fan-out items are written at once', async () => {
    const { store, hold, emitted } = fakes();
    hold.holdFinal('last');
    hold.events.step('started', 'last');
    await hold.store.finishStep(ref('last', 0), { status: 'succeeded' });
    const result = await hold.store.finishStep(ref('last'), { status: 'succeeded', output: {} });
    hold.events.step('succeeded', 'last');
    expect(result.written).toEqual({ stepId: 'last' });
    expect(store.finishStep).toHaveBeenCalledTimes(1);
    expect(hold.take().map((p) => p.row.stepId)).toEqual(['last']);
    expect(emitted).toEqual(['started:last']);
    hold.release();
    expect(emitted).toEqual(['started:last', 'succeeded:last']);
    expect(hold.take()).toEqual([]);
  });

  it('flushes a held result on its own, then lets its events out', async () => {
    const { store, hold, emitted } = fakes();
    hold.holdFinal('last');
    await hold.store.finishStep(ref('last'), { status: 'failed' });
    hold.events.step('failed', 'last');
    expect(emitted).toEqual([]);
    await hold.flush();
    expect(store.writeSteps).toHaveBeenCalledWith([expect.objectContaining({ row: { stepId: 'last' } })]);
    expect(emitted).toEqual(['failed:last']);
    await hold.flush();
    expect(store.writeSteps).toHaveBeenCalledTimes(1);
  });

  it('lets a pure step\'s result ride with the next write, its events let out once that committed', async () => {
    const { store, hold, emitted } = fakes();
    hold.holdPure('shape');
    await hold.store.finishStep(ref('shape'), { status: 'succeeded', output: {} });
    hold.events.step('succeeded', 'shape');
    expect(store.finishStep).not.toHaveBeenCalled();
    expect(store.writeSteps).not.toHaveBeenCalled();
    expect(emitted).toEqual([]);
    await hold.store.finishStep(ref('send'), { status: 'succeeded', output: {} });
    expect(store.writeSteps).toHaveBeenCalledWith([expect.objectContaining({ row: { stepId: 'shape' } }), expect.objectContaining({ row: { stepId: 'send' } })]);
    expect(emitted).toEqual(['succeeded:shape']);
    expect(hold.take()).toEqual([]);
  });

  it('writes held pure results before a slow step\'s start is recorded, and puts them back if that write fails', async () => {
    const { store, hold, emitted } = fakes();
    hold.holdPure('shape');
    await hold.store.finishStep(ref('shape'), { status: 'succeeded' });
    store.writeSteps.mockRejectedValueOnce(new Error('disk full'));
    await expect(hold.store.startStep('e', 'slow', -1, null, 1, new Date())).rejects.toThrow('disk full');
    expect(store.startStep).not.toHaveBeenCalled();
    await hold.store.startStep('e', 'slow', -1, null, 1, new Date());
    expect(store.writeSteps).toHaveBeenLastCalledWith([expect.objectContaining({ row: { stepId: 'shape' } })]);
    expect(store.startStep).toHaveBeenCalledTimes(1);
    hold.events.step('succeeded', 'shape');
    expect(emitted).toEqual(['succeeded:shape']);
  });

  it('gives the finish every held result, pure ones first, and holds their events until released', async () => {
    const { hold, emitted } = fakes();
    hold.holdPure('shape');
    await hold.store.finishStep(ref('shape'), { status: 'succeeded' });
    hold.events.step('succeeded', 'shape');
    hold.holdFinal('last');
    await hold.store.finishStep(ref('last'), { status: 'succeeded' });
    hold.events.step('succeeded', 'last');
    expect(hold.take().map((p) => p.row.stepId)).toEqual(['shape', 'last']);
    expect(emitted).toEqual([]);
    hold.release();
    expect(emitted).toEqual(['succeeded:shape', 'succeeded:last']);
  });
});
