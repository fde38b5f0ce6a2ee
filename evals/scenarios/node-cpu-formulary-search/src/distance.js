'use strict';

// Levenshtein distance: the number of single-character insertions, deletions
// and substitutions that turn a into b.
function editDistance(a, b) {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const matrix = [];
  for (let i = 0; i < rows; i += 1) {
    matrix.push(new Array(cols).fill(0));
    matrix[i][0] = i;
  }
  for (let j = 0; j < cols; j += 1) matrix[0][j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      matrix[i][j] = Math.min(
        matrix[i - 1][j] + 1,
        matrix[i][j - 1] + 1,
        matrix[i - 1][j - 1] + cost,
      );
    }
  }
  return matrix[rows - 1][cols - 1];
}

module.exports = { editDistance };
