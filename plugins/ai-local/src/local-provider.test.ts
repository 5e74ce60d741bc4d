import { describe, expect, it } from 'vitest';
import { callContext, expectAiFailure } from '../../../tests/support/fake-vendors/call-context.js';
import { localConfigSchema } from './common/config.js';
import { createLocalProvider } from './local-provider.js';

const local = createLocalProvider(localConfigSchema.parse({}));
const analyze = (text: string, tasks: Parameters<NonNullable<typeof local.analyze>>[0]['tasks'], extra: object = {}) =>
  local.analyze!({ text, tasks, ...extra }, callContext());

const REVIEW =
  'I love this phone. The battery life is excellent and the screen is gorgeous! The camera takes sharp photos in low light. ' +
  'Shipping was slow, but the phone arrived safely. Overall the battery and the camera make this phone worth buying.';
const cosine = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('local provider analysis (wink-nlp, offline)', () => {
  it('tells positive, negative and neutral text apart', async () => {
    expect((await analyze(REVIEW, ['sentiment'])).sentiment).toMatchObject({ label: 'positive' });
    const negative = await analyze('This was a terrible experience. The food was cold and the waiter was rude.', ['sentiment']);
    expect(negative.sentiment!.label).toBe('negative');
    expect(negative.sentiment!.score).toBeLessThan(0.5);
    expect((await analyze('The meeting is on Tuesday at the main office.', ['sentiment'])).sentiment).toEqual({ label: 'neutral', score: 0.5 });
  });

  it('ranks the repeated content words and phrases as keywords, at most maxKeywords', async () => {
    const { keywords } = await analyze(REVIEW, ['keywords'], { maxKeywords: 4 });
    expect(keywords!.map((k) => k.term)).toEqual(['phone', 'battery', 'camera', 'battery life']);
    expect(keywords![0]!.score).toBe(1);
    expect(keywords!.every((k) => k.score > 0 && k.score <= 1)).toBe(true);
  });

  it('summarises by extracting whole sentences, in their original order', async () => {
    const { summary } = await analyze(REVIEW, ['summary'], { maxSentences: 2 });
    const sentences = summary!.match(/[^.!?]+[.!?]/g)!.map((s) => s.trim());
    expect(sentences).toHaveLength(2);
    for (const sentence of sentences) expect(REVIEW).toContain(sentence);
    expect(REVIEW.indexOf(sentences[0]!)).toBeLessThan(REVIEW.indexOf(sentences[1]!));
    expect((await analyze('Just one sentence here.', ['summary'])).summary).toBe('Just one sentence here.');
  });

  it('detects the language with an ISO 639-1 code', async () => {
    expect((await analyze(REVIEW, ['language'])).language!.code).toBe('en');
    expect((await analyze('Der schnelle braune Fuchs springt über den faulen Hund. Das Wetter ist heute sehr schön.', ['language'])).language!.code).toBe('de');
    expect((await analyze("Le chat dort sur le canapé pendant que nous préparons le dîner ce soir.", ['language'])).language!.code).toBe('fr');
  });

  it('scores plain prose as easier to read than dense prose', async () => {
    const easy = (await analyze('The cat sat on the mat. It was warm. The sun was out.', ['readability'])).readability!;
    const hard = (
      await analyze('Notwithstanding considerable methodological heterogeneity, the epidemiological investigation demonstrated statistically significant associations.', ['readability'])
    ).readability!;
    expect(easy.score).toBeGreaterThan(hard.score);
    expect(easy.grade).toMatch(/easy/);
    expect(hard.grade).toMatch(/difficult/);
  });

  it('classifies against labels by their word stems, and sentiment labels by sentiment', async () => {
    const text = 'The financial report shows our finances improved; invoices were paid and the budget balanced.';
    expect((await analyze(text, ['classification'], { labels: ['sports', 'finance', 'weather'] })).classification).toEqual({ label: 'finance', confidence: 1 });
    const angry = await analyze('This was a terrible experience and the staff were rude.', ['classification'], { labels: ['positive', 'negative'] });
    expect(angry.classification!.label).toBe('negative');
    const nothing = await analyze('Hello there.', ['classification'], { labels: ['sports', 'finance'] });
    expect(nothing.classification).toEqual({ label: 'sports', confidence: 0 });
  });

  it('refuses classification without labels', async () => {
    const error = await expectAiFailure(analyze(REVIEW, ['classification']), 'bad_request');
    expect(error.message).toContain('labels');
  });

  it('returns only the tasks asked for', async () => {
    expect(Object.keys(await analyze(REVIEW, ['language', 'readability'])).sort()).toEqual(['language', 'readability']);
  });
});

describe('local provider embeddings and limits', () => {
  it('embeds deterministically into unit vectors where shared words (any inflection) score high', async () => {
    const { model, vectors } = await local.embed!({ texts: ['Invoices are paid monthly', 'The invoice was paid', 'Cats sleep all day'] }, callContext());
    expect(model).toBe('local-lexical-512');
    expect(vectors.every((v) => v.length === 512 && Math.abs(Math.hypot(...v) - 1) < 1e-9)).toBe(true);
    expect(cosine(vectors[0]!, vectors[1]!)).toBeGreaterThan(0.5);
    expect(cosine(vectors[0]!, vectors[2]!)).toBeLessThan(0.2);
    const again = await local.embed!({ texts: ['Invoices are paid monthly'] }, callContext());
    expect(again.vectors[0]).toEqual(vectors[0]);
  });

  it('uses the configured dimensions and refuses another embedding model', async () => {
    const small = createLocalProvider(localConfigSchema.parse({ embedding_dimensions: 64 }));
    expect((await small.embed!({ texts: ['hello world'] }, callContext())).vectors[0]).toHaveLength(64);
    await expectAiFailure(small.embed!({ texts: ['x'], model: 'text-embedding-3-small' }, callContext()), 'model_not_found');
  });

  it('refuses to generate text, saying what it can do instead', async () => {
    const error = await expectAiFailure(local.generate({ messages: [{ role: 'user', content: 'Write a poem' }] }, callContext()), 'bad_request');
    expect(error.message).toContain('cannot write text');
    expect(error.retryable).toBe(false);
  });

  it('stops on a cancelled call and refuses text over max_text_chars', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectAiFailure(local.analyze!({ text: REVIEW, tasks: ['sentiment'] }, callContext({ signal: controller.signal })), 'timeout');
    const tight = createLocalProvider(localConfigSchema.parse({ max_text_chars: 1000 }));
    await expectAiFailure(tight.analyze!({ text: 'a '.repeat(600), tasks: ['sentiment'] }, callContext()), 'bad_request');
  });

  it('lists its models and is healthy with no network', async () => {
    expect(await local.listModels(callContext())).toEqual([{ id: 'wink-eng-lite-web-model' }, { id: 'local-lexical-512' }]);
    expect(await local.health(callContext())).toMatchObject({ ok: true });
    expect(local.capabilities).toMatchObject({ analysis: true, offline: true, embeddings: true, streaming: false });
  });
});
