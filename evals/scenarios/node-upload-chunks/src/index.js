'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { UploadSession } = require('./uploads');
const { ObjectStorage } = require('./storage');
const { chunkChecksum } = require('./checksum');

Pyroscope.init({
  appName: 'upload-assembler',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

const CHUNK = 64 * 1024;

async function main() {
  Pyroscope.start();
  const storage = new ObjectStorage();
  const template = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i += 1) template[i] = (i * 31) & 0xff;
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let uploads = 0;
  while (Date.now() < deadline) {
    const chunks = 60 + (uploads % 5) * 40;
    const session = new UploadSession(`u${uploads}`, chunks);
    for (let c = 0; c < chunks; c += 1) {
      const chunk = Buffer.from(template);
      chunk.writeUInt32BE(c, 0);
      session.append(chunk, chunkChecksum(chunk));
      if (c % 16 === 0) await tick();
    }
    session.finish(storage);
    uploads += 1;
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`assembled ${uploads} uploads, ${(storage.bytes / 1048576).toFixed(0)} MiB`);
  process.exit(0);
}

main();
