// The fake OpenAI of tests/support, streaming one token every few tens of milliseconds so the run
// view is open while the AI step writes.
import { OPENAI_FAKE_KEY, startFakeOpenAi, type FakeOpenAi } from '../../support/fake-vendors/openai.js';

export const AI_REPLY = 'Resumen: the quarterly numbers look solid and the team is on track for launch.';

export async function startSlowOpenAi(): Promise<{ fake: FakeOpenAi; env: Record<string, string> }> {
  const fake = await startFakeOpenAi();
  fake.reply = AI_REPLY;
  fake.tokenDelayMs = 120;
  return { fake, env: { OPENAI_API_KEY: OPENAI_FAKE_KEY, OPENAI_BASE_URL: `${fake.url}/v1`, DWC_AI_FALLBACK: 'openai' } };
}
