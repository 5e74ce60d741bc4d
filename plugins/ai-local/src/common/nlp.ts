import model from 'wink-eng-lite-web-model';
import winkNLP, { type Document, type ItemSentence, type ItemToken, type ItsFunction, type ItsHelpers, type WinkMethods } from 'wink-nlp';

let loaded: WinkMethods | undefined;

/** wink-nlp with its English lite model, loaded on first use (the model ships in the npm package). */
export function nlp(): WinkMethods {
  loaded ??= winkNLP(model);
  return loaded;
}

export function its(): ItsHelpers {
  return nlp().its;
}

export function readDoc(text: string): Document {
  return nlp().readDoc(text);
}

/** A content word: a noun, proper noun or adjective that is not a stop word. */
export interface ContentToken {
  text: string;
  lemma: string;
  stem: string;
  pos: string;
  /** Index of the token in the document, to tell which content words were adjacent. */
  index: number;
  sentence: number;
}

const CONTENT_POS = new Set(['NOUN', 'PROPN', 'ADJ']);

/** Every word token with its lemma and stem, in order, with the index of its sentence. */
export function contentTokens(doc: Document, includeVerbs = false): ContentToken[] {
  const h = its();
  const tokens: ContentToken[] = [];
  doc.sentences().each((sentence: ItemSentence, index: number) => {
    sentence.tokens().each((token: ItemToken) => {
      if (token.out(h.type) !== 'word' || token.out(h.stopWordFlag)) return;
      const pos = token.out(h.pos);
      if (!CONTENT_POS.has(pos) && !(includeVerbs && pos === 'VERB')) return;
      const text = token.out(h.normal);
      if (text.length < 2) return;
      tokens.push({ text, lemma: tokenOut(token, h.lemma).toLowerCase(), stem: tokenOut(token, h.stem), pos, index: token.index(), sentence: index });
    });
  });
  return tokens;
}

/** `token.out(fn)` for the helpers whose wink-nlp typings are wrong (lemma, stem take the model addons). */
export function tokenOut(token: ItemToken, fn: (...args: never[]) => string): string {
  return String(token.out(fn as unknown as ItsFunction<string>));
}
