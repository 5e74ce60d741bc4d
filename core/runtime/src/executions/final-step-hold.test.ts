import { describe, expect, it, vi } from 'vitest';
import type { PreparedStep, StepRef, StepStore } from './step-store.js';
import { createFinalStepHold } from './final-step-hold.js';
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
  return { store, events, emitted, hold: createFinalStepHold(store as unknown as StepStore, events) };
}

describe('final step hold', () => {
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
});
