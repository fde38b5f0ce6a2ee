'use strict';

// 203.0.113.9 - - [02/Dec/2026:10:00:00 +0000] "GET /path?query HTTP/1.1" 200 512 "referer" "agent"
const COMBINED = /^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) ([^" ]+) (\S+)" (\d{3}) (\d+|-) "([^"]*)" "([^"]*)"$/;

function parseLine(line) {
  const match = COMBINED.exec(line);
  if (!match) return null;
  const [, client, user, time, method, target, protocol, status, bytes, referer, agent] = match;
  const question = target.indexOf('?');
  return {
    client,
    user,
    time,
    method,
    path: question < 0 ? target : target.slice(0, question),
    query: question < 0 ? '' : target.slice(question + 1),
    protocol,
    status: Number(status),
    bytes: bytes === '-' ? 0 : Number(bytes),
    referer,
    agent,
  };
}

module.exports = { parseLine };
