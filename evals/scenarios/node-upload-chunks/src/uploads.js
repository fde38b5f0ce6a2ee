'use strict';

const { chunkChecksum, fileDigest } = require('./checksum');

class UploadSession {
  constructor(id, expectedChunks) {
    this.id = id;
    this.expectedChunks = expectedChunks;
    this.received = 0;
    this.body = Buffer.alloc(0);
  }

  append(chunk, checksum) {
    if (chunkChecksum(chunk) !== checksum) {
      throw new Error(`chunk ${this.received} of ${this.id} is corrupt`);
    }
    this.body = Buffer.concat([this.body, chunk]);
    this.received += 1;
    return this.received === this.expectedChunks;
  }

  finish(storage) {
    return storage.put(`uploads/${this.id}`, this.body, fileDigest(this.body));
  }
}

module.exports = { UploadSession };
