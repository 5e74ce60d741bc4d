import { NotFoundError } from '@dwc/sdk';
import type { DocumentRecord, DocumentStore } from './document-store.js';

export type DocumentQueries = ReturnType<typeof createDocumentQueries>;

/** What users read about documents: one (404 when missing), a filtered list, its lineage. */
export function createDocumentQueries(store: DocumentStore) {
  return {
    /** The document, or undefined (a search hit whose document was since removed). */
    find: store.get,

    async get(id: string): Promise<DocumentRecord> {
      const document = await store.get(id);
      if (!document) throw new NotFoundError(`No document with id "${id}".`, { code: 'document_not_found', values: { id } });
      return document;
    },

    list: store.list,
    lineage: store.lineage,
  };
}
