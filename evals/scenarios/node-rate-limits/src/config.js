'use strict';

const fs = require('node:fs');

// The limits file is a mounted ConfigMap: read at start-up, and again when the kubelet swaps it.
class LimitsConfig {
  constructor(path) {
    this.path = path;
    this.text = fs.readFileSync(path, 'utf8');
    this.version = 1;
  }

  reload() {
    this.text = fs.readFileSync(this.path, 'utf8');
    this.version += 1;
  }

  current() {
    return JSON.parse(this.text);
  }
}

module.exports = { LimitsConfig };
