import type { Messages } from '../../lib/feature';

const en = {
  nav: 'Documents',
  list: {
    title: 'Documents',
    search: 'Search documents',
    semantic: 'Search by meaning (embeddings)',
    name: 'Title',
    format: 'Format',
    size: 'Size',
    created: 'Created',
    score: 'Score',
    empty: 'No documents match.',
    more: 'Load more',
  },
  reader: {
    back: 'All documents',
    export: 'Export',
    exportAs: 'Export as {{format}}',
    lineage: 'Lineage',
    lineageGraph: 'Lineage of this document: where it came from and what was made from it',
    fromRun: 'Made by run',
    content: 'Content',
    noLineage: 'This document has no parent and no children.',
  },
} satisfies Messages;

const es: typeof en = {
  nav: 'Documentos',
  list: {
    title: 'Documentos',
    search: 'Buscar documentos',
    semantic: 'Buscar por significado (embeddings)',
    name: 'Título',
    format: 'Formato',
    size: 'Tamaño',
    created: 'Creado',
    score: 'Puntuación',
    empty: 'Ningún documento coincide.',
    more: 'Cargar más',
  },
  reader: {
    back: 'Todos los documentos',
    export: 'Exportar',
    exportAs: 'Exportar como {{format}}',
    lineage: 'Linaje',
    lineageGraph: 'Linaje de este documento: de dónde viene y qué se hizo a partir de él',
    fromRun: 'Creado por la ejecución',
    content: 'Contenido',
    noLineage: 'Este documento no tiene padre ni hijos.',
  },
};

export const documentMessages = { en, es };
