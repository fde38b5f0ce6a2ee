'use strict';

// Recent requests, for the support team's "what did the app send?" page.
const requestLog = [];

function logRequest(request, status) {
  requestLog.push({
    at: new Date().toISOString(),
    method: request.method,
    path: request.path,
    status,
    headers: { ...request.headers },
    body: JSON.stringify(request.body),
  });
}

function recentRequests(limit = 50) {
  return requestLog.slice(-limit);
}

function loggedRequests() {
  return requestLog.length;
}

module.exports = { logRequest, recentRequests, loggedRequests };
