import { z } from '@dwc/sdk';

/** Settings of the local analysis provider. It never touches the network. */
export const localConfigSchema = z
  .object({
    embedding_dimensions: z
      .number()
      .int()
      .min(16)
      .max(4096)
      .default(512)
      .describe('Length of the lexical embedding vectors. Changing it makes stored embeddings incomparable with new ones.'),
    max_text_chars: z
      .number()
      .int()
      .min(1000)
      .max(10_000_000)
      .default(1_000_000)
      .describe('Longest text accepted for analysis or embedding, in characters.'),
  })
  .strict();

export type LocalConfig = z.output<typeof localConfigSchema>;
