'use strict';

const { fileClaim, validateClaim } = require('./claims');
const { logRequest } = require('./requestlog');

function handle(request) {
  let response;
  if (request.method === 'POST' && request.path === '/v1/claims') {
    const problems = validateClaim(request.body);
    response = problems.length ? { status: 422, body: { problems } } : { status: 201, body: fileClaim(request.body) };
  } else {
    response = { status: 404, body: { error: 'not found' } };
  }
  logRequest(request, response.status);
  return response;
}

module.exports = { handle };
