'use strict';

class DocumentStore {
  constructor() {
    this.documents = new Map();
  }

  put(doc) {
    this.documents.set(doc.id, doc);
  }

  get(id) {
    const doc = this.documents.get(id);
    return doc === undefined ? undefined : structuredClone(doc);
  }

  update(id, patch) {
    const current = this.documents.get(id);
    if (!current) return undefined;
    const next = { ...current, ...patch, version: current.version + 1 };
    this.documents.set(id, next);
    return next.version;
  }
}

module.exports = { DocumentStore };
